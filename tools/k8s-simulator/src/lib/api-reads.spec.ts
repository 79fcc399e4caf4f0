import { ManualClock } from '@slipway/ecs-simulator';
import { AGGREGATED } from './discovery';
import { apiScenario, NEW_VERSION } from './presets';
import { K8sSimulator } from './simulator';
import { humanDuration } from './tables';

const auth = { authorization: 'Bearer sim-token' };
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function start() {
  const clock = new ManualClock();
  const sim = new K8sSimulator(apiScenario(), '127.0.0.1:5000', { clock });
  const get = (path: string, query: Record<string, string> = {}, accept?: string) =>
    sim.handleApi({ method: 'GET', path, query, headers: { ...auth, accept }, body: '' });
  const setImage = (version: string) =>
    sim.handleApi({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/slipway/deployments/api',
      query: { fieldManager: 'kubectl-set' },
      headers: { ...auth, 'content-type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({
        spec: {
          template: { spec: { containers: [{ name: 'api', image: sim.world.imageOf('slipway/api', version) }] } },
        },
      }),
    });
  const advance = (seconds: number) => {
    clock.advance(seconds);
    sim.cache.refresh();
  };
  return { sim, get, setImage, advance };
}

describe('what kubectl reads from the simulated API server', () => {
  it('discovery: aggregated when asked for (by Content-Type), else the legacy documents; /version', () => {
    const { get } = start();
    const aggregated = get('/apis', {}, `${AGGREGATED},application/json`);
    expect(aggregated.headers?.['content-type']).toBe(AGGREGATED);
    expect(aggregated.body).toMatchObject({
      items: [{ metadata: { name: 'apps' }, versions: [{ resources: expect.any(Array) }] }],
    });
    const legacy = get('/api/v1');
    expect(legacy.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1' });
    const names = (legacy.body as { resources: { name: string; shortNames: string[] }[] }).resources.map(
      (r) => `${r.name}/${r.shortNames}`,
    );
    expect(names).toEqual(['pods/po', 'events/ev', 'namespaces/ns']);
    expect(get('/api').body).toMatchObject({ kind: 'APIVersions' });
    expect(get('/apis/apps/v1').body).toMatchObject({ resources: [{ name: 'deployments' }, { name: 'replicasets' }] });
    expect(get('/version').body).toMatchObject({ major: '1', minor: '35' });
    expect(start().sim.handleApi({ method: 'GET', path: '/api', query: {}, headers: {}, body: '' }).status).toBe(401);
  });

  it('Tables with the real columns when kubectl asks for them; lists carry the current resourceVersion', () => {
    const { get, sim } = start();
    const table = get('/apis/apps/v1/namespaces/slipway/deployments', {}, TABLE).body as {
      columnDefinitions: { name: string; format: string }[];
      rows: { cells: unknown[] }[];
    };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(table.columnDefinitions[0].format).toBe('name');
    expect(table.rows[0].cells.slice(0, 4)).toEqual(['api', '2/2', 2, 2]);
    const pods = get('/api/v1/namespaces/slipway/pods', {}, TABLE).body as { rows: { cells: unknown[] }[] };
    expect(pods.rows.map((r) => r.cells.slice(1, 4))).toEqual([
      ['1/1', 'Running', 0],
      ['1/1', 'Running', 0],
    ]);
    const list = get('/apis/apps/v1/namespaces/slipway/replicasets').body as {
      metadata: { resourceVersion: string };
      items: { metadata: { resourceVersion: string } }[];
    };
    expect(list.metadata.resourceVersion).toBe(sim.cache.resourceVersion);
    expect(list.items.every((rs) => Number(rs.metadata.resourceVersion) <= Number(sim.cache.resourceVersion))).toBe(
      true,
    );
    expect(get('/apis/apps/v1/namespaces/slipway/replicasets/nope').status).toBe(404);
    expect([5, 150, 1200, 5 * 3600, 3 * 86400].map(humanDuration)).toEqual(['5s', '2m30s', '20m', '5h', '3d']);
  });

  it('a strategic merge patch rolls the Deployment out; events tell it, found by field selector as describe does', () => {
    const { get, setImage, advance } = start();
    const patched = setImage(NEW_VERSION);
    expect(patched).toMatchObject({ status: 200, body: { metadata: { generation: 3 } } });
    advance(20);
    const uid = (get('/apis/apps/v1/namespaces/slipway/deployments/api').body as { metadata: { uid: string } }).metadata
      .uid;
    const events = get('/api/v1/namespaces/slipway/events', {
      fieldSelector: `involvedObject.uid=${uid},involvedObject.kind=Deployment,involvedObject.name=api`,
    }).body as { items: { reason: string; message: string; source: { component: string } }[] };
    expect(events.items.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Scaled up replica set api-\w+ to 1 from 0$/)]),
    );
    expect(new Set(events.items.map((e) => `${e.reason} ${e.source.component}`))).toEqual(
      new Set(['ScalingReplicaSet deployment-controller']),
    );
    const podEvents = get('/api/v1/namespaces/slipway/events', { fieldSelector: 'involvedObject.kind=Pod' }, TABLE)
      .body as { rows: { cells: string[] }[] };
    expect(podEvents.rows.map((r) => r.cells[2])).toEqual(expect.arrayContaining(['Scheduled', 'Started', 'Killing']));
    expect(get('/api/v1/namespaces/slipway/events', { fieldSelector: 'nonsense' }).status).toBe(400);
  });

  it('server-side dry run answers what would be stored and stores nothing', () => {
    const { sim } = start();
    const dryRun = sim.handleApi({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/slipway/deployments/api',
      query: { dryRun: 'All' },
      headers: { ...auth, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas: 5 } }),
    });
    expect(dryRun).toMatchObject({ status: 200, body: { spec: { replicas: 5 }, metadata: { generation: 3 } } });
    expect(sim.world.deployment('slipway', 'api')?.spec.replicas).toBe(2);
  });
});
