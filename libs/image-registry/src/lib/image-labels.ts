import { invalidInput } from './errors';

export const LABEL_REVISION = 'org.opencontainers.image.revision';
export const LABEL_VERSION = 'org.opencontainers.image.version';

export interface LabelExpectation {
  /** The full commit SHA; the label must be exactly it (a short id could name another commit later). */
  readonly commit: string;
  readonly version?: string;
  /** How to name the image in a message, e.g. "the local image api" or "<registry>/<repository>:sha-<commit>". */
  readonly image: string;
}

/**
 * A tag is a claim about the image: `sha-<commit>` says "built from this commit", `vX.Y.Z` says "this release".
 * The image's own OCI labels (set from the build args that also feed /version) must agree before either is written.
 */
export function checkImageLabels(labels: Readonly<Record<string, string>>, expected: LabelExpectation): void {
  const revision = labels[LABEL_REVISION];
  if (revision !== expected.commit) {
    const built = revision ? `was built from commit ${JSON.stringify(revision)}` : `has no ${LABEL_REVISION} label`;
    throw invalidInput(
      `${expected.image} ${built}, not ${expected.commit}: build this commit with APP_COMMIT=$(git rev-parse HEAD) nx run api:docker:build`,
    );
  }
  if (expected.version !== undefined && labels[LABEL_VERSION] !== expected.version) {
    const built = labels[LABEL_VERSION]
      ? `version ${JSON.stringify(labels[LABEL_VERSION])}`
      : `no ${LABEL_VERSION} label`;
    throw invalidInput(
      `${expected.image} was built with ${built}, so /version would not report ${expected.version}: ` +
        `build the release commit with APP_VERSION=${expected.version}`,
    );
  }
}
