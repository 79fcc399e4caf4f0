import {
  currentRevision,
  eventsOf,
  rolloutsOf,
  rolloutStateOf,
  stableReplicaSet,
  targetStatusOf,
  recordedRelease,
  toRevisionRef,
} from './deployment-state';
import {
  canonicalJson,
  ownedReplicaSets,
  replicaSetForTemplate,
  selectorString,
  templateFingerprint,
  withoutHashLabel,
} from './objects';
import { DIGEST_NEW, DIGEST_OLD, deployment, REPO, replicaSet, template } from './test-support/fixtures';

const OLD = `${REPO}@${DIGEST_OLD}`;
const NEW = `${REPO}@${DIGEST_NEW}`;
const ids = { primary: 'api@gen-3', pendingRevision: 'api@gen-3 (ReplicaSet pending)' };

describe('rollout state, as kubectl rollout status judges it', () => {
  it('is in progress until the controller observed the generation', () => {
    expect(rolloutStateOf(deployment({ generation: 4, observedGeneration: 3 }))).toEqual({
      state: 'IN_PROGRESS',
      reason: 'waiting for the deployment controller to observe generation 4',
    });
  });

  it('is completed when updated, available and total replicas equal the desired count', () => {
    expect(rolloutStateOf(deployment())).toMatchObject({ state: 'COMPLETED' });
    expect(rolloutStateOf(deployment({ updated: 1, progressing: { reason: 'ReplicaSetUpdated' } }))).toMatchObject({
      state: 'IN_PROGRESS',
      reason: expect.stringMatching(/^ReplicaSetUpdated/),
    });
    expect(rolloutStateOf(deployment({ total: 3 }))).toMatchObject({ state: 'IN_PROGRESS' });
    expect(rolloutStateOf(deployment({ available: 1 }))).toMatchObject({ state: 'IN_PROGRESS' });
  });

  it('fails on ProgressDeadlineExceeded', () => {
    const failed = deployment({
      updated: 1,
      progressing: {
        reason: 'ProgressDeadlineExceeded',
        status: 'False',
        message: 'ReplicaSet "api-new" has timed out progressing.',
      },
    });
    expect(rolloutStateOf(failed)).toEqual({
      state: 'FAILED',
      reason: 'ProgressDeadlineExceeded: ReplicaSet "api-new" has timed out progressing.',
    });
  });

  it('a paused or deleted Deployment cannot take a rollout', () => {
    expect(targetStatusOf(deployment())).toBe('ACTIVE');
    expect(targetStatusOf(deployment({ paused: true }))).toBe('PAUSED');
    expect(
      targetStatusOf({ ...deployment(), metadata: { ...deployment().metadata, deletionTimestamp: new Date() } }),
    ).toBe('DELETING');
  });
});

describe('revisions and rollouts', () => {
  const old = replicaSet(
    'api-old',
    OLD,
    2,
    { replicas: 2 },
    { 'slipway.dev/version': 'v1.1.0', 'slipway.dev/previous-revision': 'api-older' },
  );
  const newer = replicaSet('api-new', NEW, 3, { replicas: 1, available: 0 });

  it('finds the ReplicaSet of a template whatever its pod-template-hash label', () => {
    expect(replicaSetForTemplate(template(OLD), [newer, old])).toBe(old);
    expect(templateFingerprint(template(OLD, 'abc'))).toBe(templateFingerprint(template(OLD)));
    expect(withoutHashLabel(undefined)).toEqual({});
    expect(withoutHashLabel({ metadata: { labels: { 'pod-template-hash': 'x' } } })).toEqual({ metadata: {} });
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 2 }] })).toBe('{"a":[{"c":2}],"b":1}');
  });

  it('keeps only ReplicaSets the Deployment controls', () => {
    const stranger = {
      ...old,
      metadata: {
        ...old.metadata,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'other', uid: 'x', controller: true }],
      },
    };
    expect(ownedReplicaSets(deployment(), [old, stranger])).toEqual([old]);
  });

  it('a ReplicaSet is a revision labelled by its revision number, carrying what Slipway recorded', () => {
    expect(toRevisionRef('api', old, 'api')).toEqual({
      id: 'api-old',
      label: 'api revision 2',
      image: OLD,
      version: 'v1.1.0',
      commit: undefined,
      previousId: 'api-older',
    });
    expect(toRevisionRef('api', old, 'nope').image).toBe('(no such container)');
  });

  it("what Slipway recorded for another image is not this revision's (kubectl set image copies it along)", () => {
    const recorded = {
      'slipway.dev/version': 'v1.1.0',
      'slipway.dev/commit': 'c',
      'slipway.dev/previous-revision': 'p',
    };
    expect(recordedRelease({ ...recorded, 'slipway.dev/digest': DIGEST_OLD }, OLD)).toEqual({
      version: 'v1.1.0',
      commit: 'c',
      previousId: 'p',
    });
    expect(recordedRelease({ ...recorded, 'slipway.dev/digest': DIGEST_OLD }, NEW)).toEqual({});
    expect(recordedRelease(recorded, NEW)).toMatchObject({ version: 'v1.1.0' });
  });

  it('before the controller acts, the current revision is the template under a pending id, numbered as the controller will', () => {
    const view = {
      deployment: deployment({
        image: NEW,
        generation: 4,
        observedGeneration: 3,
        annotations: { 'slipway.dev/version': 'v1.2.0' },
      }),
      replicaSets: [old],
    };
    expect(currentRevision(view, 'api', 'pending')).toEqual({
      id: 'pending',
      label: 'api revision 3',
      image: NEW,
      version: 'v1.2.0',
      commit: undefined,
      previousId: undefined,
    });
  });

  it('stable: the current ReplicaSet once complete, else the newest older one still serving', () => {
    expect(stableReplicaSet({ deployment: deployment(), replicaSets: [old] })).toBe(old);
    const rolling = deployment({
      image: NEW,
      updated: 1,
      available: 2,
      total: 3,
      progressing: { reason: 'ReplicaSetUpdated' },
    });
    const drained = replicaSet('api-older', 'x', 1, { replicas: 0 });
    expect(stableReplicaSet({ deployment: rolling, replicaSets: [drained, newer, old] })).toBe(old);
    expect(stableReplicaSet({ deployment: rolling, replicaSets: [drained, newer] })).toBe(drained);
    expect(stableReplicaSet({ deployment: rolling, replicaSets: [newer] })).toBe(newer);
  });

  it('lists the rollout to the current template and each older ReplicaSet still draining', () => {
    const rolling = deployment({
      image: NEW,
      updated: 1,
      available: 2,
      total: 3,
      progressing: { reason: 'ReplicaSetUpdated', message: 'ReplicaSet "api-new" is progressing.' },
    });
    const [primary, draining, ...rest] = rolloutsOf(
      { deployment: rolling, replicaSets: [old, newer, replicaSet('api-older', 'x', 1)] },
      ids,
      1,
    );
    expect(rest).toEqual([]);
    expect(primary).toMatchObject({
      id: 'api@gen-3',
      revisionId: 'api-new',
      revisionLabel: 'api revision 3',
      primary: true,
      state: 'IN_PROGRESS',
      desired: 2,
      running: 0,
      pending: 1,
      failed: 1,
    });
    expect(draining).toMatchObject({
      id: 'api-old',
      revisionId: 'api-old',
      primary: false,
      state: 'IN_PROGRESS',
      running: 2,
    });
    const [pending] = rolloutsOf(
      { deployment: deployment({ image: NEW, generation: 4, observedGeneration: 3 }), replicaSets: [old] },
      ids,
    );
    expect(pending).toMatchObject({ revisionId: ids.pendingRevision, revisionLabel: 'api revision 3', running: 0 });
  });

  it('turns conditions into events, newest first, one per status and reason', () => {
    const events = eventsOf(
      deployment({ progressing: { reason: 'NewReplicaSetAvailable', at: new Date('2026-01-02T00:00:00Z') } }),
    );
    expect(events.map((e) => e.message)).toEqual([
      'Available MinimumReplicasAvailable: Deployment has minimum availability.',
      'Progressing NewReplicaSetAvailable: ReplicaSet "api-old" has successfully progressed.',
    ]);
    expect(events[0].id).toBe('Available:True:MinimumReplicasAvailable:2026-01-02T00:00:00.000Z');
    const failed = eventsOf(
      deployment({ progressing: { reason: 'ProgressDeadlineExceeded', status: 'False', message: 'timed out' } }),
    );
    expect(failed.map((e) => e.message)).toContain('Progressing (False) ProgressDeadlineExceeded: timed out');
    expect(
      eventsOf({
        status: { conditions: [{ type: 'X', status: 'True', lastUpdateTime: '2026-01-01T00:00:00Z' as never }] },
      })[0].message,
    ).toBe('X ');
  });

  it('writes selectors as the API takes them', () => {
    expect(
      selectorString(
        {
          matchLabels: { app: 'api' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['web', 'api'] },
            { key: 'canary', operator: 'NotIn', values: ['true'] },
            { key: 'team', operator: 'Exists' },
            { key: 'legacy', operator: 'DoesNotExist' },
          ],
        },
        { 'pod-template-hash': 'abc' },
      ),
    ).toBe('app=api,pod-template-hash=abc,tier in (web,api),canary notin (true),team,!legacy');
    expect(selectorString(undefined)).toBe('');
  });
});
