import { InvalidCommitShaError, isCommitSha, parseCommitSha } from './commit-sha';

const SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

describe('parseCommitSha', () => {
  it('accepts a full lower-case SHA', () => {
    expect(parseCommitSha(SHA)).toBe(SHA);
  });

  it.each([
    ['', /no commit SHA given: expected the full 40-character/],
    [undefined, /no commit SHA given/],
    [123, /no commit SHA given/],
    ['a94a8fe', /has 7 characters: expected the full 40-character lower-case commit SHA/],
    [`${SHA}00`, /has 42 characters/],
    [SHA.toUpperCase(), /has upper-case letters: use a94a8fe5ccb19ba61c4c0873d391e987982fbbd3/],
    [` ${SHA}`, /surrounding whitespace/],
    ['HEAD', /is not hexadecimal/],
    ['z'.repeat(40), /is not hexadecimal/],
    [`${SHA.slice(0, 39)};`, /is not hexadecimal/],
  ])('rejects %p', (input, message) => {
    expect(() => parseCommitSha(input)).toThrow(message);
    expect(() => parseCommitSha(input)).toThrow(InvalidCommitShaError);
  });
});

describe('isCommitSha', () => {
  it('is a type guard over the same rule', () => {
    expect(isCommitSha(SHA)).toBe(true);
    expect(isCommitSha(SHA.slice(0, 12))).toBe(false);
    expect(isCommitSha(null)).toBe(false);
  });
});
