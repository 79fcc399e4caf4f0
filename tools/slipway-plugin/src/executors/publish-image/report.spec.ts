import { githubOutput, humanReport } from './report';

const digest = `sha256:${'c'.repeat(64)}`;

describe('humanReport', () => {
  it('lists what happened to each tag, then the digest and the tags', () => {
    expect(
      humanReport({
        image: 'reg/slipway/api',
        digest,
        changed: true,
        tags: [
          { tag: 'sha-1234567', outcome: 'pushed' },
          { tag: 'v1.2.0', outcome: 'copied' },
        ],
      }),
    ).toEqual([
      'published reg/slipway/api',
      `  sha-1234567  pushed     reg/slipway/api@${digest}`,
      `  v1.2.0       copied     reg/slipway/api@${digest}`,
      `digest: ${digest}`,
      'tags: sha-1234567 v1.2.0',
    ]);
  });
});

describe('githubOutput', () => {
  it('writes digest, tags and the pinned reference', () => {
    expect(githubOutput({ image: 'r/a', digest, changed: false, tags: [{ tag: 'sha-1234567', outcome: 'unchanged' }] })).toBe(
      `digest=${digest}\ntags=sha-1234567\nreference=r/a@${digest}\n`,
    );
  });
});
