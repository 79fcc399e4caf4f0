import { waitFor } from '@slipway/testing';
import type { ExecutorSession } from './executor-session';
import type { Kubectl } from './kubectl';

/**
 * What kubectl says about the Deployment `api` after a run: the reference semantics of "rolled
 * out" (`rollout status`), of the revisions (`rollout history`) and of "rolled back" (`rollout undo`).
 */

/** `kubectl rollout status` reports the Deployment rolled out at its first look. */
export async function expectRolledOut(kubectl: Kubectl): Promise<void> {
  expect(await kubectl.run('rollout', 'status', 'deployment/api', '--timeout=10s')).toMatchObject({
    code: 0,
    stdout: 'deployment "api" successfully rolled out\n',
  });
}

/** The container runs `image`, a digest-pinned reference. */
export async function expectRunning(kubectl: Kubectl, image: string): Promise<void> {
  const running = await kubectl.ok(
    'get',
    'deployment',
    'api',
    '-o',
    'jsonpath={.spec.template.spec.containers[?(@.name=="api")].image}',
  );
  expect(running).toMatch(/^127\.0\.0\.1:\d+\/slipway\/api@sha256:[0-9a-f]{64}$/);
  expect(running).toBe(image);
}

export interface HistoryRow {
  readonly revision: number;
  readonly cause: string;
}

/** `kubectl rollout history` as rows. */
export async function historyOf(kubectl: Kubectl): Promise<HistoryRow[]> {
  const out = await kubectl.ok('rollout', 'history', 'deployment/api');
  return out
    .split('\n')
    .map((line) => /^(\d+)\s+(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, revision, cause]) => ({ revision: Number(revision), cause }));
}

interface DeploymentJson {
  metadata: { annotations?: Record<string, string> };
  spec: { template: unknown };
}

/** The pod template and annotations of the Deployment, as kubectl reads them. */
export async function templateAndAnnotations(kubectl: Kubectl): Promise<{ template: unknown; annotations: unknown }> {
  const deployment = await kubectl.json<DeploymentJson>('get', 'deployment', 'api');
  return { template: deployment.spec.template, annotations: deployment.metadata.annotations };
}

/**
 * What `kubectl rollout undo` makes of the same failure: the session's world replayed from its
 * scenario, `version` set by kubectl (the failing rollout), then undone by kubectl, and settled.
 */
export async function undoneByKubectl(session: ExecutorSession, kubectl: Kubectl, version: string) {
  const simulator = session.sim.simulator;
  simulator.reset(session.scenario);
  await kubectl.ok('set', 'image', 'deployment/api', `api=${simulator.world.imageOf('slipway/api', version)}`);
  // kubectl undoes to the revision before the newest: wait for the controller to make it.
  await waitFor(
    "the failing version's ReplicaSet",
    async () => (simulator.snapshot().replicaSets.length === 3 ? true : undefined),
    { intervalMs: 10 },
  );
  await kubectl.ok('rollout', 'undo', 'deployment/api');
  await kubectl.ok('rollout', 'status', 'deployment/api', '--timeout=20s');
  return { ...(await templateAndAnnotations(kubectl)), history: await historyOf(kubectl) };
}

/** Slipway's rollback left the Deployment exactly as `kubectl rollout undo` would have, and settled. */
export async function expectRolledBackLikeKubectl(
  session: ExecutorSession,
  kubectl: Kubectl,
  failedVersion: string,
): Promise<void> {
  await expectRolledOut(kubectl);
  const bySlipway = { ...(await templateAndAnnotations(kubectl)), history: await historyOf(kubectl) };
  const byKubectl = await undoneByKubectl(session, kubectl, failedVersion);
  expect(bySlipway.template).toEqual(byKubectl.template);
  expect(bySlipway.annotations).toEqual(byKubectl.annotations);
  expect(bySlipway.history.map((row) => row.revision)).toEqual(byKubectl.history.map((row) => row.revision));
}
