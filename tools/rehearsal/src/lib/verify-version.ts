/** What /version answers (libs/service-runtime/src/lib/http/version-route.ts). */
export interface VersionAnswer {
  readonly version: string;
  readonly commit?: string;
}

/**
 * GET <url> until it answers JSON with a version, or `timeoutMs` passes. The container is already
 * healthy when this runs; the retries cover a published port that takes a moment to forward.
 */
export async function readVersion(
  fetcher: typeof fetch,
  url: string,
  timeoutMs: number,
  intervalMs = 250,
): Promise<VersionAnswer | { readonly error: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetcher(url, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as Partial<VersionAnswer>;
      if (response.ok && typeof body.version === 'string')
        return { version: body.version, commit: typeof body.commit === 'string' ? body.commit : undefined };
      last = `HTTP ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) return { error: last };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
