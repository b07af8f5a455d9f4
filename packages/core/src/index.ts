export { ConfigError, InputError, SeislessError, ShotsFailedError, TransientError, ValidationError } from './errors';
export { type Env, intEnv, optionalEnv, requireEnv } from './config';
export { buildNpyHeader, type NpyHeader, parseNpyHeader } from './npy/npyHeader';
export {
  assertFloat32Header,
  decodeFloat32Npy,
  elementCount,
  encodeFloat32Npy,
  type Float32Npy,
  float32View,
} from './npy/float32Npy';
export { type ChunkRange, chunkCount, chunkRange } from './npy/chunks';
export { fillShot, type RunKeys, runKeys, shotOfKey, startingIterateKey } from './storage/keys';
export {
  acquisitionSchema,
  algorithmSchema,
  computeSchema,
  modelSchema,
  reductionSchema,
  type RunSpec,
  type RunSpecInput,
  runSpecSchema,
} from './spec/runSpec';
export { shotCount, validateRunSpec } from './spec/validateRunSpec';
export type { TaskFile } from './spec/taskFile';
export {
  parseReductionMessage,
  type ReductionMessage,
  reductionDeduplicationId,
  reductionGroupId,
  reductionMessageSchema,
} from './reduction/message';
