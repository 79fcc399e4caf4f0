import type { PublishResult } from '@slipway/image-registry';

/** What a person reads: one line per tag, then the digest and the tags. */
export function humanReport(result: PublishResult): string[] {
  const width = Math.max(...result.tags.map((t) => t.tag.length));
  const lines = result.tags.map(
    ({ tag, outcome }) => `  ${tag.padEnd(width)}  ${outcome.padEnd(9)}  ${result.image}@${result.digest}`,
  );
  const verdict = result.changed
    ? `published ${result.image}`
    : `nothing to do: every tag already names this digest in ${result.image} (a re-run is safe)`;
  return [verdict, ...lines, `digest: ${result.digest}`, `tags: ${result.tags.map((t) => t.tag).join(' ')}`];
}

export function jsonReport(result: PublishResult): object {
  return {
    ok: true,
    exitCode: 0,
    image: result.image,
    digest: result.digest,
    reference: `${result.image}@${result.digest}`,
    tags: result.tags.map((t) => t.tag),
    outcomes: Object.fromEntries(result.tags.map((t) => [t.tag, t.outcome])),
    changed: result.changed,
  };
}

export function jsonFailure(exitCode: number, kind: string, message: string): object {
  return { ok: false, exitCode, error: { kind, message } };
}

/** GitHub Actions step outputs: `digest`, `tags` (comma-separated) and the pinned `reference`. */
export function githubOutput(result: PublishResult): string {
  return `digest=${result.digest}\ntags=${result.tags.map((t) => t.tag).join(',')}\nreference=${result.image}@${result.digest}\n`;
}
