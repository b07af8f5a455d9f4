/** The embedded local cloud: the programmatic API used by the CLI and the integration tests. */
export type { Endpoints } from './env';
export { clientEnvironment, LOCAL_CREDENTIALS } from './env';
export { type FaultConfig, type FaultCounts, NO_FAULTS, validateFaults } from './faults';
export type { LambdaError } from './lambda/protocol';
export type { InvokeResult } from './lambda/service';
export { LOCAL_ACCOUNT_ID, type LocalCloud, startLocalCloud } from './localCloud';
export type { LocalCloudOptions } from './options';
export type { RequestCounts } from './requestCounts';
export type { Wiring } from './wiring/model';
