import { inline } from '../../test-support/fixtures';
import { checkoutWithoutCredentials } from './checkout-without-credentials';

const checkout = (withBlock: string) =>
  inline(
    `on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@${'0'.repeat(40)} # v7.0.1\n${withBlock}\n`,
  );

describe('checkoutWithoutCredentials', () => {
  it.each([
    '        with:\n          persist-credentials: false',
    "        with:\n          persist-credentials: 'false'",
  ])('accepts %p', (block) => {
    expect(checkoutWithoutCredentials(checkout(block))).toEqual([]);
  });

  it.each(['', '        with:\n          fetch-depth: 0', '        with:\n          persist-credentials: true'])(
    'refuses %p',
    (block) => {
      expect(checkoutWithoutCredentials(checkout(block))).toHaveLength(1);
    },
  );

  it('ignores other actions', () => {
    const workflow = inline(
      `on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout-lookalike@${'0'.repeat(40)} # v1.0.0\n`,
    );
    expect(checkoutWithoutCredentials(workflow)).toEqual([]);
  });
});
