import { ProviderError, type ProviderErrorKind } from '@slipway/deploy-engine';

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const NOT_FOUND = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'RepositoryNotFoundException',
  'ImageNotFoundException',
  'TaskDefinitionNotFoundException',
]);
const INVALID = new Set([
  'InvalidParameterException',
  'ValidationException',
  'ClientException',
  'PlatformUnknownException',
  'PlatformTaskDefinitionIncompatibilityException',
  'UnsupportedFeatureException',
]);
const UNAVAILABLE = new Set([
  'ServerException',
  'ServiceUnavailableException',
  'InternalFailure',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** AWS SDK error → the engine's neutral kind. */
export function classifyAwsError(error: unknown): ProviderErrorKind {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const message = e.message ?? '';
  if (THROTTLED.has(name) || status === 429 || /rate exceeded|throttl/i.test(message)) return 'throttled';
  if (DENIED.has(name) || status === 403) return 'access-denied';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (UNAVAILABLE.has(name) || UNAVAILABLE.has(code) || (status !== undefined && status >= 500)) return 'unavailable';
  if (INVALID.has(name) || /region is missing/i.test(message)) return 'invalid';
  return 'unknown';
}

const HINTS: Partial<Record<ProviderErrorKind, string>> = {
  'access-denied': 'check the credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID) and that the role may call this action',
  invalid: 'check the environment settings and the AWS region',
};

/** Runs one SDK call; any failure comes out as a ProviderError naming the operation. */
export async function awsCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toProviderError(operation, error);
  }
}

export function toProviderError(operation: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const kind = classifyAwsError(error);
  const e = (error ?? {}) as AwsLikeError;
  const hint = HINTS[kind] ? ` (${HINTS[kind]})` : '';
  return new ProviderError(kind, `${e.name ?? 'Error'}: ${e.message ?? String(error)}${hint}`, operation, error);
}
