import { readVersion } from './verify-version';

describe('readVersion', () => {
  it('returns the version and commit /version answers', async () => {
    const fetcher = (async () => new Response(JSON.stringify({ version: 'v1.0.0', commit: 'abc' }))) as typeof fetch;
    expect(await readVersion(fetcher, 'http://x/version', 1000)).toEqual({ version: 'v1.0.0', commit: 'abc' });
  });

  it('retries until a JSON version arrives, then gives up naming the last answer', async () => {
    let calls = 0;
    const flaky = (async () =>
      ++calls < 3
        ? new Response('{}', { status: 503 })
        : new Response(JSON.stringify({ version: 'v2.0.0', commit: 7 }))) as typeof fetch;
    expect(await readVersion(flaky, 'http://x/version', 5000, 1)).toEqual({ version: 'v2.0.0', commit: undefined });
    const never = (async () => new Response('{"status":"starting"}', { status: 503 })) as typeof fetch;
    expect(await readVersion(never, 'http://x/version', 20, 5)).toEqual({ error: 'HTTP 503 {"status":"starting"}' });
  });
});
