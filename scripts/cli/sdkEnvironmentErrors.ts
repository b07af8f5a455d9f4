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

interface EndpointContext {
  readonly endpointV2?: { readonly url?: URL };
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]?.trim() ?? '';

/** The environment problem behind an SDK failure, or undefined when the failure is about the request. */
export function environmentProblem(
  failure: SdkFailure,
  endpoint: string | undefined,
  advice: EnvironmentAdvice,
): string | undefined {
  const at = endpoint === undefined ? '' : ` at ${endpoint}`;
  if (failure.code !== undefined && UNREACHABLE.has(failure.code)) {
    return `${advice.service}${at} does not answer (${failure.code}); ${advice.unreachable}`;
  }
  if (failure.name === 'CredentialsProviderError') {
    return `no AWS credentials (${firstLine(failure.message)}); ${advice.credentials}`;
  }
  if (failure.name !== undefined && REFUSED_CREDENTIALS.has(failure.name)) {
    return `${advice.service}${at} refused the AWS credentials (${failure.name}); ${advice.credentials}`;
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
        const url = (context as EndpointContext).endpointV2?.url;
        const problem = environmentProblem(error as SdkFailure, url?.origin, advice);
        if (problem === undefined) throw error;
        throw new EnvironmentError(problem, { cause: error });
      }
    },
    { step: 'initialize', name: 'seislessEnvironmentErrors', priority: 'high' },
  );
}
