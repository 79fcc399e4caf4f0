/**
 * pino's `timestamp` option: `,"time":"<ISO 8601>"`. Formatting a Date costs about as much as
 * the rest of a log line, and under load many lines share a millisecond, so the text is
 * reused until the clock moves on.
 */
export function isoTimeFragment(now: () => number = Date.now): () => string {
  let lastMs = Number.NaN;
  let lastFragment = '';
  return () => {
    const ms = now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastFragment = `,"time":"${new Date(ms).toISOString()}"`;
    }
    return lastFragment;
  };
}
