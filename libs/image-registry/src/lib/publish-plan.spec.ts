import { PublishError } from './errors';
import { planPublish, type PlanInput } from './publish-plan';

const S = 'sha256:' + 'a'.repeat(64);
const X = 'sha256:' + 'b'.repeat(64);
const T = `sha-${'1234567890'.repeat(4)}`;
const base = { imageName: 'reg/slipway/api', commitTag: T };
const local = (...digests: string[]) => ({ ref: 'api', digests });

function refusal(input: PlanInput): PublishError {
  try {
    planPublish(input);
  } catch (error) {
    return error as PublishError;
  }
  throw new Error('expected a refusal');
}

describe('planPublish', () => {
  describe('first publish of a commit', () => {
    it('pushes the local image as sha-<commit> only', () => {
      expect(planPublish({ ...base, remote: {}, local: local() })).toEqual({
        source: 'local',
        steps: [{ tag: T, action: 'push' }],
      });
    });

    it('pushes sha-<commit>, then copies it to the version registry-side', () => {
      expect(planPublish({ ...base, versionTag: 'v1.2.0', remote: {}, local: local() }).steps).toEqual([
        { tag: T, action: 'push' },
        { tag: 'v1.2.0', action: 'copy', from: T },
      ]);
    });

    it('needs a local image when the registry has nothing for the commit', () => {
      const error = refusal({ ...base, remote: {} });
      expect(error.kind).toBe('invalid-input');
      expect(error.message).toContain(`nothing to publish: reg/slipway/api:${T} is not in the registry`);
    });
  });

  describe('promote: sha-<commit> is already published', () => {
    it('copies it to the version without the local image', () => {
      expect(planPublish({ ...base, versionTag: 'v1.2.0', remote: { commitTag: S } })).toEqual({
        digest: S,
        source: 'registry',
        steps: [
          { tag: T, action: 'unchanged' },
          { tag: 'v1.2.0', action: 'copy', from: T },
        ],
      });
    });

    it('accepts the local image when the engine knows it was pushed as that digest', () => {
      expect(planPublish({ ...base, versionTag: 'v1.2.0', remote: { commitTag: S }, local: local(X, S) }).digest).toBe(
        S,
      );
    });

    it('is a no-op when every tag already names the digest', () => {
      const plan = planPublish({
        ...base,
        versionTag: 'v1.2.0',
        remote: { commitTag: S, versionTag: S },
        local: local(S),
      });
      expect(plan.steps.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
      expect(planPublish({ ...base, remote: { commitTag: S } }).steps).toEqual([{ tag: T, action: 'unchanged' }]);
    });
  });

  describe('immutability', () => {
    it('refuses a different local build under an existing sha-<commit>', () => {
      const error = refusal({ ...base, remote: { commitTag: S }, local: local() });
      expect(error.kind).toBe('tag-conflict');
      expect(error.message).toBe(
        `refusing to move reg/slipway/api:${T}: it already names ${S}, and the local image api is a different build ` +
          '(it was never pushed to this repository). Commit tags are immutable; nothing was pushed. ' +
          'To tag what is already published, run with --promote (no local image, no rebuild); to publish new bytes, commit them.',
      );
      expect(refusal({ ...base, remote: { commitTag: S }, local: local(X) }).message).toContain(
        `(it was pushed here as ${X})`,
      );
    });

    it('refuses to move a version that names another image', () => {
      const error = refusal({ ...base, versionTag: 'v1.2.0', remote: { commitTag: S, versionTag: X } });
      expect(error.kind).toBe('tag-conflict');
      expect(error.message).toBe(
        `refusing to move reg/slipway/api:v1.2.0: it already names ${X}, and ${T} (${S}) is different bytes. ` +
          'Release tags are immutable; nothing was pushed. Publish the change under a new version.',
      );
    });

    it('refuses a new local build under an existing version before pushing anything', () => {
      const error = refusal({ ...base, versionTag: 'v1.2.0', remote: { versionTag: X }, local: local() });
      expect(error.kind).toBe('tag-conflict');
      expect(error.message).toContain(`it already names ${X}, and the local image api is different bytes`);
    });

    it('adds the missing sha-<commit> to the very image a version already names', () => {
      expect(planPublish({ ...base, versionTag: 'v1.2.0', remote: { versionTag: X }, local: local(X) })).toEqual({
        digest: X,
        source: 'local',
        steps: [
          { tag: T, action: 'copy', from: 'v1.2.0' },
          { tag: 'v1.2.0', action: 'unchanged' },
        ],
      });
    });
  });
});
