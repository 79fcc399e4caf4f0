import { changeCause, ContainerNotFoundError, describeChanges, imagePatch, pointerSegment, undoPatch } from './patches';
import { COMMIT, DIGEST_NEW, DIGEST_OLD, deployment, REPO, replicaSet } from './test-support/fixtures';

const NEW = `${REPO}@${DIGEST_NEW}`;
const release = { version: 'v1.2.0', commit: COMMIT, digest: DIGEST_NEW, previousRevision: 'api-old' };

describe('the image patch', () => {
  it('replaces only the container image and sets the annotations, guarded by generation and container name', () => {
    expect(imagePatch(deployment({ generation: 7 }), 'api', NEW, release)).toEqual([
      { op: 'test', path: '/metadata/generation', value: 7 },
      { op: 'test', path: '/spec/template/spec/containers/0/name', value: 'api' },
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: NEW },
      {
        op: 'add',
        path: '/metadata/annotations/kubernetes.io~1change-cause',
        value: `slipway deploy v1.2.0 (${DIGEST_NEW}) from commit a94a8fe5ccb1`,
      },
      { op: 'add', path: '/metadata/annotations/slipway.dev~1version', value: 'v1.2.0' },
      { op: 'add', path: '/metadata/annotations/slipway.dev~1commit', value: COMMIT },
      { op: 'add', path: '/metadata/annotations/slipway.dev~1digest', value: DIGEST_NEW },
      { op: 'add', path: '/metadata/annotations/slipway.dev~1previous-revision', value: 'api-old' },
    ]);
  });

  it('targets the named container wherever it is, creates the annotations map and drops a stale commit', () => {
    const dep = deployment({ annotations: { 'slipway.dev/commit': 'old' } });
    dep.spec!.template!.spec!.containers.reverse();
    const ops = imagePatch(dep, 'api', NEW, { version: 'v1.2.0', digest: DIGEST_NEW });
    expect(ops).toContainEqual({ op: 'replace', path: '/spec/template/spec/containers/1/image', value: NEW });
    expect(ops).toContainEqual({ op: 'remove', path: '/metadata/annotations/slipway.dev~1commit' });
    expect(ops).not.toContainEqual(
      expect.objectContaining({ path: '/metadata/annotations/slipway.dev~1previous-revision' }),
    );
    const bare = deployment();
    delete bare.metadata!.annotations;
    expect(imagePatch(bare, 'api', NEW, release)).toContainEqual({
      op: 'add',
      path: '/metadata/annotations',
      value: {},
    });
  });

  it('refuses a container the template does not have, naming those it has', () => {
    expect(() => imagePatch(deployment(), 'web', NEW, release)).toThrow(ContainerNotFoundError);
    expect(() => imagePatch(deployment(), 'web', NEW, release)).toThrow(/it has: api, sidecar/);
  });

  it('escapes JSON pointer segments and describes the change cause', () => {
    expect(pointerSegment('a/b~c')).toBe('a~1b~0c');
    expect(changeCause({ version: 'v1.0.0', digest: 'sha256:x' })).toBe('slipway deploy v1.0.0 (sha256:x)');
  });
});

describe('the undo patch (kubectl rollout undo)', () => {
  it("restores the ReplicaSet's template without its hash label and its annotations, keeping the controller's", () => {
    const rs = replicaSet(
      'api-old',
      `${REPO}@${DIGEST_OLD}`,
      2,
      { replicas: 2 },
      { 'slipway.dev/version': 'v1.1.0', 'deployment.kubernetes.io/revision-history': '1' },
    );
    const dep = deployment({
      generation: 9,
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        'slipway.dev/version': 'v1.2.0',
        'kubernetes.io/change-cause': 'x',
      },
    });
    const [guard, template, annotations] = undoPatch(dep, rs);
    expect(guard).toEqual({ op: 'test', path: '/metadata/generation', value: 9 });
    expect(template).toEqual({
      op: 'replace',
      path: '/spec/template',
      value: { metadata: { labels: { app: 'api' } }, spec: rs.spec!.template!.spec },
    });
    expect(annotations).toEqual({
      op: 'add',
      path: '/metadata/annotations',
      value: { 'deployment.kubernetes.io/revision': '3', 'slipway.dev/version': 'v1.1.0' },
    });
  });
});

describe('what a dry run shows', () => {
  it('lists the image and each annotation that changes', () => {
    const changes = describeChanges(
      deployment({ annotations: { 'slipway.dev/version': 'v1.1.0' } }),
      'api',
      NEW,
      release,
    );
    expect(changes.map((c) => c.field)).toEqual([
      'container api image',
      'annotation kubernetes.io/change-cause',
      'annotation slipway.dev/version',
      'annotation slipway.dev/commit',
      'annotation slipway.dev/digest',
      'annotation slipway.dev/previous-revision',
    ]);
    expect(changes[0]).toEqual({ field: 'container api image', from: `${REPO}@${DIGEST_OLD}`, to: NEW });
    expect(changes[2]).toEqual({ field: 'annotation slipway.dev/version', from: 'v1.1.0', to: 'v1.2.0' });
    expect(
      describeChanges(deployment({ annotations: { 'slipway.dev/commit': 'c' } }), 'web', NEW, {
        version: 'v1',
        digest: 'd',
      }),
    ).toContainEqual({
      field: 'annotation slipway.dev/commit',
      from: 'c',
      to: '(removed)',
    });
  });
});
