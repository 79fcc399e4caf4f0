import { ProviderError } from '@slipway/deploy-engine';
import { KubernetesProvider } from './kubernetes-provider';
import { OciImages } from './oci-images';
import {
  COMMIT,
  crashLooping,
  DIGEST_NEW,
  DIGEST_OLD,
  deployment,
  pod,
  pullFailing,
  REPO,
  replicaSet,
  running,
} from './test-support/fixtures';
import { FakeKubeApi } from './test-support/fake-kube-api';

const OLD = `${REPO}@${DIGEST_OLD}`;
const NEW = `${REPO}@${DIGEST_NEW}`;
const settings = { deployment: 'api', container: 'api', repository: REPO, kubeconfig: '/tmp/kc' };
const image = {
  version: 'v1.2.0',
  repository: REPO,
  digest: DIGEST_NEW,
  reference: NEW,
  tags: ['v1.2.0'],
  commit: COMMIT,
};

function setup() {
  const kube = new FakeKubeApi();
  kube.deployment = deployment({ generation: 3 });
  const old = replicaSet('api-old', OLD, 2, { replicas: 2 }, { 'slipway.dev/version': 'v1.1.0' });
  kube.replicaSets = [replicaSet('api-older', `${REPO}@sha256:${'0'.repeat(64)}`, 1), old];
  const images = new OciImages({ name: REPO, registry: '127.0.0.1:5000', path: 'slipway/api' }, async () => ({
    resolveTag: async (tag) => (tag === 'v1.2.0' ? DIGEST_NEW : undefined),
    readLabels: async () => ({ 'org.opencontainers.image.revision': COMMIT }),
    listTags: async () => ['v1.1.0', 'v1.2.0'],
  }));
  return { kube, old, provider: new KubernetesProvider(settings, kube, images) };
}

/** What the controller does with the image patch, reduced to what the provider reads back. */
function applyImagePatch(kube: FakeKubeApi) {
  kube.onPatch = (current) => {
    const next = deployment({
      image: NEW,
      generation: 4,
      observedGeneration: 3,
      annotations: { 'slipway.dev/version': 'v1.2.0' },
    });
    return { ...next, metadata: { ...next.metadata, uid: current.metadata!.uid } };
  };
}

describe('KubernetesProvider', () => {
  it('describes the target and how to inspect it by hand', () => {
    const { provider } = setup();
    expect(provider.description).toBe('Kubernetes deployment api in namespace prod (context test)');
    expect(provider.inspectCommands()).toEqual([
      'kubectl --kubeconfig /tmp/kc --context test -n prod rollout status deployment/api',
      'kubectl --kubeconfig /tmp/kc --context test -n prod describe deployment/api',
      'kubectl --kubeconfig /tmp/kc --context test -n prod rollout history deployment/api',
    ]);
  });

  it('resolves a version to its digest with the commit from the image label; a missing one lists the tags', async () => {
    const { provider } = setup();
    await expect(provider.resolveImage('v1.2.0')).resolves.toEqual({ found: true, image });
    await expect(provider.resolveImage('v9.0.0')).resolves.toEqual({
      found: false,
      repository: REPO,
      existingTags: ['v1.1.0', 'v1.2.0'],
    });
  });

  it('reads a steady Deployment: current = stable = its ReplicaSet, one completed rollout', async () => {
    const { provider, kube } = setup();
    const target = await provider.readTarget();
    expect(target).toMatchObject({
      status: 'ACTIVE',
      current: { id: 'api-old', label: 'api revision 2', image: OLD, version: 'v1.1.0' },
      stable: { id: 'api-old' },
      rollouts: [{ id: 'api@gen-3', revisionId: 'api-old', primary: true, state: 'COMPLETED', running: 2, desired: 2 }],
      platformRollback: false,
    });
    expect(kube.calls.map((c) => [c.method, ...c.args])).toEqual([
      ['readDeployment', 'api'],
      ['listReplicaSets', 'app=api'],
    ]);
  });

  it('plans a patch of the image and annotations only, and applies it', async () => {
    const { provider, kube } = setup();
    const target = await provider.readTarget();
    const plan = await provider.plan(target, image);
    expect(plan.nextLabel).toBe('api revision 3');
    expect(plan.changes[0]).toEqual({ field: 'container api image', from: OLD, to: NEW });
    expect(plan.facts).toContainEqual(['patch', 'application/json-patch+json, 8 operations (guarded by generation 3)']);
    expect(plan.patch).toContainEqual({
      op: 'add',
      path: '/metadata/annotations/slipway.dev~1previous-revision',
      value: 'api-old',
    });

    applyImagePatch(kube);
    const handle = await provider.apply(plan);
    expect(handle).toEqual({
      rolloutId: 'api@gen-4',
      revision: { id: 'api@gen-4 (ReplicaSet pending)', label: 'api revision 3', image: NEW, version: 'v1.2.0' },
    });
    expect(kube.calls.find((c) => c.method === 'patchDeployment')!.args).toEqual(['api', plan.patch]);
  });

  it('names the new ReplicaSet when the controller already made it', async () => {
    const { provider, kube } = setup();
    const plan = await provider.plan(await provider.readTarget(), image);
    applyImagePatch(kube);
    kube.replicaSets.push(replicaSet('api-new', NEW, 3, { replicas: 1, available: 0 }));
    expect((await provider.apply(plan)).revision).toMatchObject({ id: 'api-new', label: 'api revision 3', image: NEW });
  });

  it('refuses a container the Deployment does not have before changing anything', async () => {
    const { kube, old } = setup();
    const provider = new KubernetesProvider({ ...settings, container: 'web' }, kube, {} as OciImages);
    await expect(provider.plan(await provider.readTarget(), image)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/container "web" is not in the pod template/),
    });
    expect(kube.methods()).not.toContain('patchDeployment');
    expect(old).toBeDefined();
  });

  it('observes its rollout: crash-looping pods of the new ReplicaSet are stopped tasks with exit codes', async () => {
    const { provider, kube } = setup();
    const plan = await provider.plan(await provider.readTarget(), image);
    applyImagePatch(kube);
    const handle = await provider.apply(plan);
    const fresh = replicaSet('api-new', NEW, 3, { replicas: 1, available: 0 });
    kube.replicaSets.push(fresh);
    kube.deployment = deployment({
      image: NEW,
      generation: 4,
      updated: 1,
      available: 2,
      total: 3,
      progressing: { reason: 'ReplicaSetUpdated' },
    });
    kube.pods = [
      pod('api-new-a', fresh, crashLooping(3)),
      pod('api-new-b', fresh, running()),
      pod('api-old-a', kube.replicaSets[1], pullFailing()),
    ];
    const seen = await provider.observe(handle);
    expect(seen.status).toBe('ACTIVE');
    expect(seen.rollouts[0]).toMatchObject({
      id: 'api@gen-4',
      revisionId: 'api-new',
      primary: true,
      state: 'IN_PROGRESS',
      failed: 1,
    });
    expect(seen.rollouts[1]).toMatchObject({ id: 'api-old', primary: false });
    expect(seen.stoppedTasks).toEqual([
      expect.objectContaining({
        id: 'api-new-a',
        category: 'essential-exit',
        containers: [{ name: 'api', exitCode: 3, reason: 'Error' }],
      }),
    ]);
    expect(kube.calls.at(-1)).toEqual({ method: 'listPods', args: ['app=api,pod-template-hash=new'] });
  });

  it('follows its rollout with three watches from where the patch left it, and observes from them without reading', async () => {
    const { provider, kube } = setup();
    const plan = await provider.plan(await provider.readTarget(), image);
    applyImagePatch(kube);
    const patched = kube.onPatch;
    kube.onPatch = (current, patch) => {
      const next = patched(current, patch);
      return { ...next, metadata: { ...next.metadata, resourceVersion: '90' } };
    };
    const handle = await provider.apply(plan);
    const follower = provider.follow(handle)!;
    const changed = follower.nextChange(new AbortController().signal);
    await settle();
    expect(kube.calls.slice(-4).map((c) => [c.method, ...c.args])).toEqual([
      ['listPods', 'app=api'],
      ['watch', 'deployments', { resourceVersion: '90', fieldSelector: 'metadata.name=api' }],
      ['watch', 'replicasets', { resourceVersion: '100', labelSelector: 'app=api' }],
      ['watch', 'pods', { resourceVersion: '100', labelSelector: 'app=api' }],
    ]);
    await changed;
    const reads = kube.calls.length;

    const fresh = replicaSet('api-new', NEW, 3, { replicas: 1, available: 0 });
    const woken = follower.nextChange(new AbortController().signal);
    kube.push('replicasets', 'ADDED', fresh);
    await woken;
    kube.push('pods', 'ADDED', pod('api-new-a', fresh, crashLooping(3)));
    const seen = await provider.observe(handle);
    expect(seen.rollouts[0]).toMatchObject({ revisionId: 'api-new', failed: 1 });
    expect(seen.stoppedTasks).toEqual([expect.objectContaining({ id: 'api-new-a', category: 'essential-exit' })]);
    expect(kube.calls).toHaveLength(reads);

    follower.close();
    expect(kube.watches.every((w) => w.stopped)).toBe(true);
    await provider.observe(handle);
    expect(kube.calls.length).toBeGreaterThan(reads);
  });

  it('reads the API as before when it may not watch, or for a rollout it did not start', async () => {
    const { provider, kube } = setup();
    expect(provider.follow({ rolloutId: 'api@gen-9', revision: { id: 'x', label: 'x', image: NEW } })).toBeUndefined();
    const plan = await provider.plan(await provider.readTarget(), image);
    applyImagePatch(kube);
    const handle = await provider.apply(plan);
    kube.failures.set('watch', Object.assign(new Error('forbidden'), { code: 403 }));
    const follower = provider.follow(handle)!;
    await settle();
    const reads = kube.calls.length;
    await provider.observe(handle);
    expect(kube.methods().slice(reads)).toEqual(['readDeployment', 'listReplicaSets']);
    const aborted = new AbortController();
    const waiting = follower.nextChange(aborted.signal);
    aborted.abort();
    await waiting;
    follower.close();
  });

  it('another change of the template is another rollout (superseded); no pods are listed for a template it does not know', async () => {
    const { provider, kube } = setup();
    kube.deployment = deployment({
      image: `${REPO}@sha256:${'9'.repeat(64)}`,
      generation: 5,
      observedGeneration: 5,
      updated: 0,
    });
    const seen = await provider.observe({ rolloutId: 'api@gen-4', revision: { id: 'x', label: 'x', image: NEW } });
    expect(seen.rollouts[0]).toMatchObject({ id: 'api@gen-5', primary: true });
    expect(seen.stoppedTasks).toEqual([]);
    expect(kube.methods()).not.toContain('listPods');
  });

  it('restores a revision as kubectl rollout undo does, and skips the patch when the template already matches', async () => {
    const { provider, kube, old } = setup();
    kube.deployment = deployment({ image: NEW, generation: 4 });
    kube.replicaSets.push(replicaSet('api-new', NEW, 3, { replicas: 2 }));
    kube.onPatch = () => deployment({ image: OLD, generation: 5, observedGeneration: 4 });
    const handle = await provider.restore({ id: 'api-old', label: 'api revision 2', image: OLD, version: 'v1.1.0' });
    expect(handle).toMatchObject({
      rolloutId: 'api@gen-5',
      revision: { id: 'api-old', label: 'api revision 4', image: OLD, version: 'v1.1.0' },
    });
    const patch = kube.calls.find((c) => c.method === 'patchDeployment')!.args[1] as { op: string; path: string }[];
    expect(patch.map((op) => `${op.op} ${op.path}`)).toEqual([
      'test /metadata/generation',
      'replace /spec/template',
      'add /metadata/annotations',
    ]);

    kube.calls.length = 0;
    const again = await provider.restore(toRef(old));
    expect(again.rolloutId).toBe('api@gen-5');
    expect(kube.methods()).not.toContain('patchDeployment');
  });

  it('refuses to roll back a paused Deployment', async () => {
    const { provider, kube, old } = setup();
    kube.deployment = deployment({ paused: true });
    await expect(provider.restore(toRef(old))).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/paused/),
    });
  });

  it('reads revisions and status', async () => {
    const { provider } = setup();
    await expect(provider.readRevision('api-older')).resolves.toMatchObject({
      id: 'api-older',
      label: 'api revision 1',
    });
    await expect(provider.readRevision('gone')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(provider.status()).resolves.toMatchObject({
      current: { id: 'api-old', version: 'v1.1.0' },
      digest: DIGEST_OLD,
      rollout: { state: 'COMPLETED', running: 2, desired: 2 },
      since: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('a missing Deployment says whether the namespace is missing too', async () => {
    const { provider, kube } = setup();
    kube.deployment = undefined;
    await expect(provider.readTarget()).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/^deployment api not found in namespace prod/),
    });
    kube.namespacePresent = false;
    await expect(provider.readTarget()).rejects.toMatchObject({
      message: expect.stringMatching(/^namespace prod does not exist/),
    });
    kube.failures.set('readDeployment', Object.assign(new Error('forbidden'), { code: 403 }));
    await expect(provider.status()).rejects.toBeInstanceOf(ProviderError);
    await expect(provider.status()).rejects.toMatchObject({ kind: 'access-denied' });
  });
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

function toRef(rs: ReturnType<typeof replicaSet>) {
  return { id: rs.metadata!.name!, label: 'x', image: 'x' };
}
