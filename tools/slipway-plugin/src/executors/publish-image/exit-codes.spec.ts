import { PublishError } from '@slipway/image-registry';
import { EXIT_CODES, exitCodeFor, PUBLISH_EXIT_CODE_TABLE, titleFor } from './exit-codes';

describe('publish-image exit codes', () => {
  it('are one per kind of failure, with what each means', () => {
    expect(EXIT_CODES).toEqual({
      ok: 0,
      'invalid-input': 2,
      'tag-conflict': 3,
      registry: 4,
      engine: 5,
      unexpected: 1,
    });
    expect(PUBLISH_EXIT_CODE_TABLE).toEqual([
      [0, 'published or already there'],
      [2, 'invalid input'],
      [3, 'immutable-tag conflict'],
      [4, 'registry or auth failure'],
      [5, 'Docker engine failure'],
      [1, 'unexpected error'],
    ]);
  });

  it('map a publish error to its code and title, anything else to 1', () => {
    const conflict = new PublishError('tag-conflict', 'refusing to move v1.2.0');
    expect([exitCodeFor(conflict), titleFor(conflict)]).toEqual([3, 'refused, immutable tag']);
    expect([exitCodeFor(new Error('boom')), titleFor(new Error('boom'))]).toEqual([1, 'unexpected error']);
  });
});
