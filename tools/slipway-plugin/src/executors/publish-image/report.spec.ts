import { githubOutput, humanReport } from './report';

const digest = `sha256:${'c'.repeat(64)}`;
const TAG = `sha-${'1234567890'.repeat(4)}`;

describe('humanReport', () => {
  it('lists what happened to each tag, then the digest and the tags', () => {
    expect(
      humanReport({
        image: 'reg/slipway/api',
        digest,
        changed: true,
        tags: [
          { tag: TAG, outcome: 'pushed' },
          { tag: 'v1.2.0', outcome: 'copied' },
        ],
      }),
    ).toEqual([
      'published reg/slipway/api',
      `  ${TAG}  pushed     reg/slipway/api@${digest}`,
      `  ${'v1.2.0'.padEnd(TAG.length)}  copied     reg/slipway/api@${digest}`,
      `digest: ${digest}`,
      `tags: ${TAG} v1.2.0`,
    ]);
  });
});

describe('githubOutput', () => {
  it('writes digest, tags and the pinned reference', () => {
    expect(githubOutput({ image: 'r/a', digest, changed: false, tags: [{ tag: TAG, outcome: 'unchanged' }] })).toBe(
      `digest=${digest}\ntags=${TAG}\nreference=r/a@${digest}\n`,
    );
  });
});
