import type { LocalCredentials } from './credentials';

interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
}

/**
 * Teaches s3rver the roles' key pairs. s3rver refuses an access key missing from its account
 * registry (`InvalidAccessKeyId`) and checks SigV2 signatures against the registered secret; its
 * registry only holds S3RVER/S3RVER. Registering each role's pair keeps those checks for every
 * caller instead of turning them off with `allowMismatchedSignatures` (s3rver 3.7 does not verify
 * SigV4 signatures at all, for any key).
 */
export function registerS3rverKeys(pairs: readonly LocalCredentials[]): void {
  // s3rver exports no API for this; its account model is the one its authentication reads.
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: S3rverAccount };
  for (const pair of pairs) DUMMY_ACCOUNT.createKeyPair(pair.accessKeyId, pair.secretAccessKey);
}
