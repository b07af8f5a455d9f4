import type { IamCheck } from './evaluator';

/** What an S3 request (path-style URL) must be allowed to do, and on which object, if one. */
export interface S3Checks {
  readonly checks: IamCheck[];
  readonly bucket?: string;
  /** Set for GetObject/HeadObject: a missing key is a 403 unless the caller may list the bucket. */
  readonly readsKey?: string;
}

type Headers = Record<string, string | string[] | undefined>;

/** Bucket subresources → the action of a GET / PUT / DELETE on them. */
const BUCKET_SUBRESOURCES: Record<string, [get: string, put: string, del: string]> = {
  policy: ['GetBucketPolicy', 'PutBucketPolicy', 'DeleteBucketPolicy'],
  notification: ['GetBucketNotification', 'PutBucketNotification', 'PutBucketNotification'],
  cors: ['GetBucketCORS', 'PutBucketCORS', 'PutBucketCORS'],
  website: ['GetBucketWebsite', 'PutBucketWebsite', 'DeleteBucketWebsite'],
  tagging: ['GetBucketTagging', 'PutBucketTagging', 'PutBucketTagging'],
  acl: ['GetBucketAcl', 'PutBucketAcl', 'PutBucketAcl'],
  versioning: ['GetBucketVersioning', 'PutBucketVersioning', 'PutBucketVersioning'],
  lifecycle: ['GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'PutLifecycleConfiguration'],
  encryption: ['GetEncryptionConfiguration', 'PutEncryptionConfiguration', 'PutEncryptionConfiguration'],
  location: ['GetBucketLocation', 'GetBucketLocation', 'GetBucketLocation'],
  uploads: ['ListBucketMultipartUploads', 'ListBucketMultipartUploads', 'ListBucketMultipartUploads'],
  versions: ['ListBucketVersions', 'ListBucketVersions', 'ListBucketVersions'],
};

const OBJECT_SUBRESOURCES: Record<string, [get: string, put: string, del: string]> = {
  tagging: ['GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging'],
  acl: ['GetObjectAcl', 'PutObjectAcl', 'PutObjectAcl'],
};

const VERB_INDEX: Record<string, 0 | 1 | 2> = { GET: 0, HEAD: 0, PUT: 1, POST: 1, DELETE: 2 };

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const s3 = (action: string, resource: string): IamCheck => ({ action: `s3:${action}`, resource });

function bucketChecks(method: string, query: URLSearchParams, arn: string): IamCheck[] {
  const verb = VERB_INDEX[method] ?? 0;
  const sub = Object.keys(BUCKET_SUBRESOURCES).find((name) => query.has(name));
  if (sub !== undefined) return [s3(BUCKET_SUBRESOURCES[sub]?.[verb] as string, arn)];
  // DeleteObjects is authorised as s3:DeleteObject; its keys are in the body, so on every key.
  if (method === 'POST' && query.has('delete')) return [s3('DeleteObject', `${arn}/*`)];
  if (method === 'PUT') return [s3('CreateBucket', arn)];
  if (method === 'DELETE') return [s3('DeleteBucket', arn)];
  // GET (ListObjects, ListObjectsV2) and HEAD (HeadBucket) both need s3:ListBucket.
  return [s3('ListBucket', arn)];
}

function copySourceArn(partition: string, source: string): string {
  const path = decodeURIComponent(source.split('?')[0] ?? '').replace(/^\//, '');
  return `arn:${partition}:s3:::${path}`;
}

function objectChecks(
  method: string,
  query: URLSearchParams,
  headers: Headers,
  arn: string,
  partition: string,
) {
  const verb = VERB_INDEX[method] ?? 0;
  const sub = Object.keys(OBJECT_SUBRESOURCES).find((name) => query.has(name));
  if (sub !== undefined) return [s3(OBJECT_SUBRESOURCES[sub]?.[verb] as string, arn)];
  if (method === 'DELETE') return [s3(query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject', arn)];
  if ((method === 'GET' || method === 'HEAD') && query.has('uploadId')) {
    return [s3('ListMultipartUploadParts', arn)];
  }
  if (method === 'GET' || method === 'HEAD') return [s3('GetObject', arn)];
  // PutObject, UploadPart, Create/CompleteMultipartUpload, CopyObject and UploadPartCopy: s3:PutObject,
  // and s3:GetObject on the copy source.
  const source = header(headers, 'x-amz-copy-source');
  const checks = [s3('PutObject', arn)];
  if (source !== undefined) checks.push(s3('GetObject', copySourceArn(partition, source)));
  // An object written with tags (PutObject, CopyObject, CreateMultipartUpload) also needs
  // s3:PutObjectTagging; UploadPart and CompleteMultipartUpload carry no tags.
  if (header(headers, 'x-amz-tagging') !== undefined && writesTags(method, query)) {
    checks.push(s3('PutObjectTagging', arn));
  }
  return checks;
}

function writesTags(method: string, query: URLSearchParams): boolean {
  if (method === 'POST') return query.has('uploads');
  return method === 'PUT' && !query.has('uploadId');
}

/**
 * Maps an S3 REST request (path-style) to the IAM actions S3 authorises it with: GetObject/HeadObject
 * → s3:GetObject, PutObject/multipart/CopyObject → s3:PutObject (+ s3:GetObject on the copy source,
 * + s3:PutObjectTagging when it sets tags with x-amz-tagging),
 * DeleteObject(s) → s3:DeleteObject, ListObjects(V2)/HeadBucket → s3:ListBucket, ListBuckets →
 * s3:ListAllMyBuckets, bucket subresources → their Get/Put actions.
 */
export function s3Checks(method: string, url: URL, headers: Headers, partition = 'aws'): S3Checks {
  const [bucket, ...rest] = url.pathname.slice(1).split('/');
  if (bucket === undefined || bucket === '') return { checks: [s3('ListAllMyBuckets', '*')] };
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const key = rest.length === 0 ? '' : safeDecode(rest.join('/'));
  if (key === '') return { checks: bucketChecks(method, url.searchParams, bucketArn), bucket };
  const checks = objectChecks(method, url.searchParams, headers, `${bucketArn}/${key}`, partition);
  const reads = checks.length === 1 && checks[0]?.action === 's3:GetObject';
  return reads ? { checks, bucket, readsKey: key } : { checks, bucket };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
