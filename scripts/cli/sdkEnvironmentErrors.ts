import { EnvironmentError } from './environmentError';

/** Node's codes for a request that got no answer at all (as the SDK's retry strategy lists them). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Error names of a request the caller's identity may not make. */
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

/** Error names AWS answers with when it does not accept the credentials. */
const REFUSED_CREDENTIALS = new Set([
  'InvalidAccessKeyId',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
]);

/** How to word an environment problem for one client. */
export interface EnvironmentAdvice {
  /** The service as the person knows it: `S3`, `Step Functions`. */
  readonly service: string;
  /** What to do when the endpoint does not answer. */
  readonly unreachable: string;
  /** What to do when the credentials are missing or refused. */
  readonly credentials: string;
  /** What to do when the bucket does not exist (e.g. the stage is not deployed). */
  readonly missingBucket: string;
}

/** The request that failed, as far as the message needs it. */
export interface FailedRequest {
  /** The endpoint's origin, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint?: string;
  /** The operation, e.g. `GetObject`. */
  readonly operation?: string;
  readonly bucket?: string;
}

interface SdkFailure {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
}

type Handler<A, O> = (args: A) => Promise<O>;

/** The part of an SDK v3 client this needs: its middleware stack (every client has one). */
interface MiddlewareClient<A, O> {
  readonly middlewareStack: {
    add(
      middleware: (next: Handler<A, O>, context: object) => Handler<A, O>,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ): void;
  };
}

interface RequestContext {
  readonly endpointV2?: { readonly url?: URL };
  readonly commandName?: string;
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]?.trim() ?? '';

/** The environment problem behind an SDK failure, or undefined when the failure is about the request. */
export function environmentProblem(
  failure: SdkFailure,
  request: FailedRequest,
  advice: EnvironmentAdvice,
): string | undefined {
  const at = request.endpoint === undefined ? '' : ` at ${request.endpoint}`;
  const name = failure.name ?? '';
  if (failure.code !== undefined && UNREACHABLE.has(failure.code)) {
    return `${advice.service}${at} does not answer (${failure.code}); ${advice.unreachable}`;
  }
  if (name === 'CredentialsProviderError') {
    return `no AWS credentials (${firstLine(failure.message)}); ${advice.credentials}`;
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return `${advice.service}${at} refused the AWS credentials (${name}); ${advice.credentials}`;
  }
  if (name === 'NoSuchBucket') {
    return `bucket ${request.bucket ?? '(unnamed)'} does not exist${at}; ${advice.missingBucket}`;
  }
  if (DENIED.has(name)) {
    // AWS's own message names the action, the resource and the identity: keep it whole.
    const operation = request.operation === undefined ? '' : ` ${request.operation}`;
    return `${advice.service} denied${operation} (${name}: ${firstLine(failure.message)}); use credentials whose policy allows it, or ask for the permission`;
  }
  return undefined;
}

/**
 * Makes a client report environment problems as an EnvironmentError, where they happen: a step
 * around the whole call (after the SDK's own retries), so the failure is known by its SDK name or
 * Node code, and the endpoint it tried is at hand.
 */
export function reportEnvironmentErrors<A, O>(
  client: MiddlewareClient<A, O>,
  advice: EnvironmentAdvice,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const { endpointV2, commandName } = context as RequestContext;
        const input = (args as { input?: { Bucket?: unknown } }).input;
        const request = {
          endpoint: endpointV2?.url?.origin,
          operation: commandName?.replace(/Command$/, ''),
          bucket: typeof input?.Bucket === 'string' ? input.Bucket : undefined,
        };
        const problem = environmentProblem(error as SdkFailure, request, advice);
        if (problem === undefined) throw error;
        throw new EnvironmentError(problem, { cause: error });
      }
    },
    { step: 'initialize', name: 'seislessEnvironmentErrors', priority: 'high' },
  );
}
