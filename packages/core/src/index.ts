export type {
  BlobInfo,
  BlobRef,
  BlobStore,
  ByteRange,
  ObjectInfo,
  PutOptions,
  StoredBlob,
} from './aws/blobStore';
export { type BucketObjects, bucketObjects, type ObjectStore, s3ObjectStore } from './aws/objectStore';
export { listObjects, s3BlobStore } from './aws/s3BlobStore';
export { isMissingObject, translateS3Error } from './aws/s3Errors';
export { type Env, intEnv, optionalEnv, requireEnv } from './config';
export {
  type IterationSummary,
  type IterationTimings,
  iterationSummarySchema,
  iterationTimingsSchema,
} from './contracts/iterationSummary';
export {
  type IterationContext,
  type IterationTaskInput,
  iterationTaskInputSchema,
} from './contracts/iterationTaskInput';
export { type JobsProgress, jobsProgressSchema } from './contracts/jobsProgress';
export { type JobKind, type JobsRef, jobsRefSchema } from './contracts/jobsRef';
export { type JobTimings, jobTimingsSchema } from './contracts/jobTimings';
export { type LineSearchState, lineSearchStateSchema } from './contracts/lineSearchState';
export { parseContract, readContract, readContractOrUndefined } from './contracts/parseContract';
export { type ReductionStatus, reductionStatusSchema } from './contracts/reductionStatus';
export { type RunContext, type RunState, runContextSchema, runStateSchema } from './contracts/runState';
export {
  type AwaitWakeInput,
  awaitWakeInputSchema,
  type WaiterRecord,
  type WakeRecord,
  waiterRecordSchema,
  wakeRecordSchema,
} from './contracts/runWake';
export {
  acceptedStepSchema,
  type StepDecision,
  stepDecisionSchema,
  trialStepSchema,
} from './contracts/stepDecision';
export { type TrialScalar, trialScalarSchema } from './contracts/trialScalar';
export {
  ConfigError,
  describeReceived,
  type ErrorArgs,
  type ErrorOptions,
  InputError,
  SeislessError,
  ShotsFailedError,
  TransientError,
  ValidationError,
} from './errors';
export {
  computeTasks,
  type FailureKind,
  failureKinds,
  type JobFailureRecord,
  jobFailureKey,
  jobFailureRecordSchema,
  kindOfExitCode,
  parseJobFailureRecord,
} from './jobs/jobFailure';
export {
  formatShotFailure,
  formatShotFailures,
  LISTED_SHOT_FAILURES,
  type ListedFailures,
  parseShotFailures,
  type ShotFailure,
  shotFailureSchema,
} from './jobs/shotFailures';
export { coldStart } from './lambda/coldStart';
export {
  type HandlerTools,
  type LambdaHandlerOptions,
  lambdaHandler,
  type ParsedHandlerOptions,
} from './lambda/lambdaHandler';
export { parsedInput } from './lambda/parsedInput';
export { parseInput } from './lambda/parseInput';
export { type RunLogKeys, type RunRef, runLogKeys, runRefOfKey, runRefOfObject } from './lambda/runLogKeys';
export { s3LogKeys } from './lambda/s3LogKeys';
export { sqsLogKeys } from './lambda/sqsLogKeys';
export { stateInputLogKeys } from './lambda/stateInputLogKeys';
export { type ChunkRange, chunkCount, chunkRange } from './npy/chunks';
export {
  assertFloat32Header,
  decodeFloat32Npy,
  elementCount,
  encodeFloat32Npy,
  type Float32Npy,
  float32View,
} from './npy/float32Npy';
export { readGridArray } from './npy/gridArray';
export { buildNpyHeader, type NpyHeader, parseNpyHeader } from './npy/npyHeader';
export { shotWindowShape, WINDOW_MULTIPLE } from './preflight/apertureWindow';
export { estimateJobMemory } from './preflight/jobMemory';
export { fileObjectBytes, type ObjectBytes, s3ObjectBytes } from './preflight/objectBytes';
export { POINTS_PER_WAVELENGTH, RICKER_HIGHEST_FREQUENCY_FACTOR } from './preflight/pointsPerWavelength';
export {
  assertPreflightPassed,
  describeJobMemory,
  type JobMemory,
  type PreflightReport,
} from './preflight/preflightReport';
export { preflightRunSpec, preflightSpec } from './preflight/preflightRunSpec';
export { SPEC_LIMITS } from './preflight/specLimits';
export {
  ACCUMULATOR_METADATA,
  type AccumulatorSummary,
  decodeAccumulatorMetadata,
  encodeAccumulatorMetadata,
} from './reduction/accumulator/accumulatorMetadata';
export {
  type AccumulatorContents,
  type AccumulatorObject,
  decodeAccumulator,
  encodeAccumulator,
} from './reduction/accumulator/accumulatorObject';
export { MAX_BATCH_SIZE, Manifest } from './reduction/accumulator/manifest';
export { type AssembledGradientSummary, assembledGradientSchema } from './reduction/assembledGradient';
export {
  chunkShotCounts,
  gradientCoverage,
  positionChunks,
  type ShotChunks,
  shotWindow,
  windowChunks,
} from './reduction/coverage';
export {
  messageCoverage,
  parseReductionMessage,
  type ReductionMessage,
  reductionDeduplicationId,
  reductionGroupId,
  reductionMessageSchema,
} from './reduction/message';
export { REDUCER_QUEUE, reductionHorizonSeconds } from './reduction/queueSettings';
export { expandPoints, pointCount, receiverPoints } from './spec/acquisitionPoints';
export { ANISOTROPY_RANGES, type AnisotropyName } from './spec/anisotropyRanges';
export { bandpassSchema, type DataSection, dataSchema, topMuteSchema } from './spec/dataSchema';
export { describeSchemaIssues, schemaParseOptions } from './spec/describeSchemaIssues';
export { type GridAxes, gridExtent } from './spec/gridExtent';
export { readRunSpec } from './spec/readRunSpec';
export {
  acquisitionSchema,
  algorithmSchema,
  anisotropySchema,
  computeSchema,
  MODEL_PRESETS,
  modelSchema,
  type RunSpec,
  type RunSpecInput,
  reductionSchema,
  runSpecSchema,
  TTI_PRESETS,
} from './spec/runSpec';
export { iterationCount } from './spec/runState';
export { type TaskFile, taskFileSchema } from './spec/taskFile';
export { shotCount, validateRunSpec } from './spec/validateRunSpec';
export {
  backgroundKey,
  fillShot,
  type RunKeys,
  runKeys,
  shotOfKey,
  startingIterateKey,
  UNATTRIBUTED_DEAD_LETTERS_PREFIX,
  unattributedDeadLetterKey,
} from './storage/keys';
export { SCRATCH_TAG, SCRATCH_TAGGING } from './storage/retention';
export { awaitWake, type WakeDeps, wakeRun } from './wake/runWake';
export { sfnTaskSignal, type TaskSignal } from './wake/taskSignal';
