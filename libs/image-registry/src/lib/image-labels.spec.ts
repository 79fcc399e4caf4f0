import { PublishError } from './errors';
import { checkImageLabels, LABEL_REVISION, LABEL_VERSION } from './image-labels';

const FULL = '0123456789abcdef0123456789abcdef01234567';

describe('checkImageLabels', () => {
  it('accepts an image built from the commit, with or without a version', () => {
    const labels = { [LABEL_REVISION]: FULL, [LABEL_VERSION]: 'v1.2.0' };
    expect(() => checkImageLabels(labels, { commit: FULL, version: 'v1.2.0', image: 'x' })).not.toThrow();
    expect(() => checkImageLabels({ [LABEL_REVISION]: FULL }, { commit: FULL, image: 'x' })).not.toThrow();
  });

  it('refuses an image built from another commit, as invalid input', () => {
    let error: PublishError | undefined;
    try {
      checkImageLabels({ [LABEL_REVISION]: 'fedcba9876' }, { commit: FULL, image: 'the local image api' });
    } catch (e) {
      error = e as PublishError;
    }
    expect(error?.kind).toBe('invalid-input');
    expect(error?.message).toBe(
      `the local image api was built from commit "fedcba9876", not ${FULL}: build this commit with APP_COMMIT=$(git rev-parse HEAD) nx run api:docker:build`,
    );
  });

  it('refuses a label that is only a short id of the commit, or differs in case', () => {
    expect(() => checkImageLabels({ [LABEL_REVISION]: FULL.slice(0, 7) }, { commit: FULL, image: 'img' })).toThrow(
      `img was built from commit "0123456", not ${FULL}`,
    );
    expect(() => checkImageLabels({ [LABEL_REVISION]: FULL.toUpperCase() }, { commit: FULL, image: 'img' })).toThrow(
      'was built from commit',
    );
  });

  it('refuses an image without a revision label', () => {
    expect(() => checkImageLabels({}, { commit: FULL, image: 'img' })).toThrow(`img has no ${LABEL_REVISION} label`);
  });

  it('refuses a version tag that /version would contradict', () => {
    const labels = { [LABEL_REVISION]: FULL, [LABEL_VERSION]: '0.0.0-dev' };
    expect(() => checkImageLabels(labels, { commit: FULL, version: 'v1.2.0', image: 'img' })).toThrow(
      'img was built with version "0.0.0-dev", so /version would not report v1.2.0: build the release commit with APP_VERSION=v1.2.0',
    );
    expect(() =>
      checkImageLabels({ [LABEL_REVISION]: FULL }, { commit: FULL, version: 'v1.2.0', image: 'img' }),
    ).toThrow(`img was built with no ${LABEL_VERSION} label`);
  });
});
