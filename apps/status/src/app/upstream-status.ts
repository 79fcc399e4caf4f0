import type { StatusTarget } from './status-targets';

/** One service as the status page saw it: up with the build it runs, or down with the reason. */
export type UpstreamStatus =
  | {
      readonly name: string;
      readonly url: string;
      readonly up: true;
      readonly version: string;
      readonly commit: string;
    }
  | { readonly name: string; readonly url: string; readonly up: false; readonly error: string };

/**
 * Asks a service's /version (the answer every Slipway service gives, and the one a deploy verifies)
 * within `timeoutMs`. Never throws: a service that cannot answer is reported down, with why.
 */
export async function upstreamStatus(
  target: StatusTarget,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<UpstreamStatus> {
  const down = (error: string): UpstreamStatus => ({ ...target, up: false, error });
  try {
    const response = await fetchImpl(`${target.url}/version`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return down(`/version answered ${response.status}`);
    const body = (await response.json()) as { version?: unknown; commit?: unknown };
    if (typeof body.version !== 'string' || typeof body.commit !== 'string')
      return down('/version answered without a version and a commit');
    return { ...target, up: true, version: body.version, commit: body.commit };
  } catch (error) {
    const { name, cause } = error as Error & { cause?: { code?: string } };
    if (name === 'TimeoutError') return down(`no answer within ${timeoutMs} ms`);
    return down(cause?.code ?? (error as Error).message);
  }
}
