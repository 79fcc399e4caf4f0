import { ManualClock } from '@slipway/ecs-simulator';
import type { ApiAnswer } from './api-server';
import { handleControl } from './control-api';
import { apiScenario, NEW_VERSION } from './presets';
import { K8sSimulator } from './simulator';

const auth = { authorization: 'Bearer sim-token' };
const DEPLOYMENTS = '/apis/apps/v1/namespaces/slipway/deployments';

interface Seen {
  type: string;
  object: { kind?: string; metadata: { name?: string; resourceVersion: string; annotations?: object } };
}

function start() {
  const clock = new ManualClock();
  const sim = new K8sSimulator(apiScenario(), '127.0.0.1:5000', { clock });
  const watch = (path: string, query: Record<string, string>, accept?: string) => {
    const answer = sim.handleApi({
      method: 'GET',
      path,
      query: { watch: 'true', ...query },
      headers: { ...auth, accept },
      body: '',
    });
    const events: Seen[] = [];
    let ended = false;
    const stop = answer.stream?.({ send: (e) => events.push(e as Seen), end: () => (ended = true) });
    return { answer, events, stop, ended: () => ended };
  };
  const deploy = (version: string) => {
    const current = sim.world.deployment('slipway', 'api')!;
    const next = structuredClone(current);
    next.spec.template.spec.containers[0].image = sim.world.imageOf('slipway/api', version);
    sim.world.updateDeployment(current, next);
    sim.cache.sync();
  };
  /** Second by second, as the simulator's own clock syncs at each transition. */
  const advance = (seconds: number) => {
    for (let s = 0; s < seconds; s++) {
      clock.advance(1);
      sim.cache.refresh();
    }
  };
  return { sim, watch, deploy, advance };
}

describe('watches served from the watch cache', () => {
  it('from a list resourceVersion: every later change, in order, and nothing before it', () => {
    const { sim, watch, deploy, advance } = start();
    const from = sim.cache.resourceVersion;
    const { answer, events, stop } = watch(DEPLOYMENTS, { resourceVersion: from, fieldSelector: 'metadata.name=api' });
    expect(answer.status).toBe(200);
    expect(events).toEqual([]);
    deploy(NEW_VERSION);
    advance(20);
    expect(events.length).toBeGreaterThan(2);
    expect(events.every((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'api')).toBe(true);
    const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(Number(from));
    stop?.();
    advance(5);
    deploy('v1.3.0');
    const seen = events.length;
    advance(5);
    expect(events).toHaveLength(seen);

    // A watch that resumes from the last version it saw gets exactly what it missed.
    const resumed = watch(DEPLOYMENTS, { resourceVersion: String(versions.at(-1)) });
    expect(resumed.events.length).toBeGreaterThan(0);
    expect(resumed.events.every((e) => Number(e.object.metadata.resourceVersion) > versions.at(-1)!)).toBe(true);
  });

  it('objects entering or leaving a selector are ADDED or DELETED; deleted pods are DELETED', () => {
    const { watch, deploy, advance } = start();
    const pods = watch('/api/v1/namespaces/slipway/pods', { labelSelector: 'app=api' });
    expect(pods.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
    deploy(NEW_VERSION);
    advance(30);
    const types = new Set(pods.events.map((e) => e.type));
    expect(types).toEqual(new Set(['ADDED', 'MODIFIED', 'DELETED']));
    expect(pods.events.filter((e) => e.type === 'DELETED')).toHaveLength(2);
  });

  it('sendInitialEvents (kubectl 1.35): the current state, then the bookmark that ends it', () => {
    const { watch } = start();
    const { events } = watch(DEPLOYMENTS, {
      sendInitialEvents: 'true',
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: 'true',
    });
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1].object).toMatchObject({
      kind: 'Deployment',
      metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
    });
    expect(watch(DEPLOYMENTS, { sendInitialEvents: 'true' }).answer.status).toBe(422);
  });

  it('a version older than the history kept is 410 Gone (after compaction); a bad one is 400', () => {
    const { sim, watch, deploy } = start();
    const old = sim.cache.resourceVersion;
    deploy(NEW_VERSION);
    expect(handleControl(sim, 'POST', new URL('http://sim/_sim/compact'), {}).status).toBe(200);
    const gone: ApiAnswer = watch(DEPLOYMENTS, { resourceVersion: old }).answer;
    expect(gone).toMatchObject({ status: 410, body: { reason: 'Expired' } });
    expect(watch(DEPLOYMENTS, { resourceVersion: sim.cache.resourceVersion }).answer.status).toBe(200);
    expect(watch(DEPLOYMENTS, { resourceVersion: 'x' }).answer.status).toBe(400);
  });

  it('Tables when asked for (kubectl get --watch); every watch ends when the world is replaced', () => {
    const { sim, watch } = start();
    const tables = watch(DEPLOYMENTS, {}, 'application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(tables.events[0].object).toMatchObject({ kind: 'Table' });
    sim.reset(apiScenario());
    expect(tables.ended()).toBe(true);
  });
});
