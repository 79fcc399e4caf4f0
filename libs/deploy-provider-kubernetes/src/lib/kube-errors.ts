import { ProviderError, type ProviderErrorKind } from '@slipway/deploy-engine';

/** What @kubernetes/client-node throws for a non-2xx answer (ApiException) or a failed connection. */
interface KubeLikeError {
  code?: number | string;
  body?: unknown;
  message?: string;
  cause?: { code?: string; message?: string };
}

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export function httpStatusOf(error: unknown): number | undefined {
  const code = (error as KubeLikeError | undefined)?.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/** The API server's `Status` object, when the answer carried one. */
export function statusOf(error: unknown): StatusBody | undefined {
  const body = (error as KubeLikeError | undefined)?.body;
  if (body && typeof body === 'object') return body as StatusBody;
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Kubernetes API error → the engine's neutral kind. */
export function classifyKubeError(error: unknown): ProviderErrorKind {
  const status = httpStatusOf(error);
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 400 || status === 409 || status === 415 || status === 422) return 'invalid';
  if (status !== undefined && status >= 500) return 'unavailable';
  const e = (error ?? {}) as KubeLikeError;
  const code = typeof e.code === 'string' ? e.code : e.cause?.code;
  if (
    (code && UNREACHABLE.has(code)) ||
    /fetch failed|ECONNREFUSED|socket hang up|ETIMEDOUT/i.test(`${e.message ?? ''} ${e.cause?.message ?? ''}`)
  )
    return 'unavailable';
  return 'unknown';
}

const HINTS: Partial<Record<ProviderErrorKind, string>> = {
  'access-denied': 'check the kubeconfig user and that its RBAC role may do this (kubectl auth can-i)',
};

export function toProviderError(operation: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const kind = classifyKubeError(error);
  const status = httpStatusOf(error);
  const body = statusOf(error);
  const e = (error ?? {}) as KubeLikeError;
  let detail: string;
  if (body?.message) detail = `${body.reason ?? `HTTP ${status}`}: ${body.message}`;
  else if (status === 401) detail = 'Unauthorized: the API server rejected the credentials (expired token?)';
  else if (status !== undefined) detail = `HTTP ${status}`;
  else detail = [e.message, e.cause?.message].filter(Boolean).join(': ') || String(error);
  const hint = HINTS[kind] ? ` (${HINTS[kind]})` : '';
  return new ProviderError(kind, `${detail}${hint}`, operation, error);
}

/** Runs one API call; any failure comes out as a ProviderError naming the operation. */
export async function kubeCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toProviderError(operation, error);
  }
}
