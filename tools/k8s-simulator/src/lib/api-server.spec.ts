import { ManualClock } from '@slipway/ecs-simulator';
import { routeOf, validateDeployment } from './api-server';
import { apiScenario, PRESETS } from './presets';
import { handleControl } from './control-api';
import { validateScenario, ScenarioError } from './scenario';
import { K8sSimulator } from './simulator';
import { simulatorKubeconfig } from './kubeconfig';

const auth = { authorization: 'Bearer sim-token' };
const get = (
  sim: K8sSimulator,
  path: string,
  headers: Record<string, string> = auth,
  query: Record<string, string> = {},
) => sim.handleApi({ method: 'GET', path, query, headers, body: '' });

describe('the simulated API server', () => {
  const clock = new ManualClock();
  const sim = new K8sSimulator(apiScenario(), '127.0.0.1:5000', { clock });

  it('routes the paths a client uses', () => {
    expect(routeOf({ method: 'GET', path: '/apis/apps/v1/namespaces/slipway/deployments/api' })).toEqual({
      verb: 'get',
      resource: 'deployments',
      group: 'apps',
      namespace: 'slipway',
      name: 'api',
    });
    expect(routeOf({ method: 'GET', path: '/api/v1/namespaces/slipway/pods' })).toMatchObject({
      verb: 'list',
      resource: 'pods',
      group: '',
    });
    expect(routeOf({ method: 'GET', path: '/api/v1/namespaces/slipway' })).toMatchObject({
      verb: 'get',
      resource: 'namespaces',
      name: 'slipway',
    });
    expect(routeOf({ method: 'DELETE', path: '/apis/apps/v1/namespaces/x/deployments/api' })).toMatchObject({
      verb: 'delete',
    });
    expect(routeOf({ method: 'GET', path: '/healthz' })).toBeUndefined();
  });

  it('answers 401 without the token, 404 Status objects for what does not exist, 405 for what it does not do', () => {
    expect(get(sim, '/apis/apps/v1/namespaces/slipway/deployments/api', {}).status).toBe(401);
    expect(get(sim, '/apis/apps/v1/namespaces/slipway/deployments/web')).toMatchObject({
      status: 404,
      body: { kind: 'Status', reason: 'NotFound', message: 'deployments.apps "web" not found' },
    });
    expect(get(sim, '/api/v1/namespaces/nope')).toMatchObject({
      status: 404,
      body: { message: 'namespaces "nope" not found' },
    });
    expect(get(sim, '/api/v1/namespaces/slipway')).toMatchObject({ status: 200, body: { kind: 'Namespace' } });
    expect(get(sim, '/nothing').status).toBe(404);
    expect(
      sim.handleApi({
        method: 'DELETE',
        path: '/apis/apps/v1/namespaces/slipway/deployments/api',
        query: {},
        headers: auth,
        body: '',
      }).status,
    ).toBe(405);
    expect(get(sim, '/apis/apps/v1/namespaces/slipway/replicasets', auth, { labelSelector: 'a in (b' }).status).toBe(
      400,
    );
    expect(get(sim, '/apis/apps/v1/namespaces/slipway/deployments', auth, { labelSelector: 'app=api' })).toMatchObject({
      body: { kind: 'DeploymentList', items: [expect.anything()] },
    });
  });

  it('patches: unknown types 415, bad JSON 400, invalid results 422; merge patches work; every request is recorded', () => {
    const patch = (type: string, body: string) =>
      sim.handleApi({
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/slipway/deployments/api',
        query: {},
        headers: { ...auth, 'content-type': type },
        body,
      });
    expect(patch('application/apply-patch+yaml', '{}').status).toBe(415);
    expect(patch('application/json-patch+json', '{').status).toBe(400);
    expect(
      patch(
        'application/json-patch+json',
        JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: '' }]),
      ),
    ).toMatchObject({ status: 422, body: { reason: 'Invalid' } });
    const merged = patch(
      'application/merge-patch+json',
      JSON.stringify({ metadata: { annotations: { team: 'web' } } }),
    );
    expect(merged).toMatchObject({ status: 200, body: { metadata: { generation: 2, annotations: { team: 'web' } } } });
    expect(
      sim.handleApi({
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/slipway/deployments/web',
        query: {},
        headers: { ...auth, 'content-type': 'application/json-patch+json' },
        body: '[]',
      }).status,
    ).toBe(404);
    expect(sim.calls.writes().map((c) => c.status)).toEqual([405, 415, 400, 422, 200, 404]);
    expect(
      validateDeployment({
        spec: {
          selector: { matchLabels: { app: 'a' } },
          template: { metadata: { labels: {} }, spec: { containers: [{ name: '', image: 'x' }] } },
        },
      } as never),
    ).toHaveLength(2);
  });

  it('faults answer in place of the request, after skip, for times', () => {
    const faulty = new K8sSimulator(
      apiScenario({
        faults: [
          { verb: 'get', resource: 'deployments', status: 429, skip: 1, times: 1 },
          { resource: 'pods', status: 500 },
        ],
      }),
      'h',
      { clock },
    );
    const path = '/apis/apps/v1/namespaces/slipway/deployments/api';
    expect([get(faulty, path).status, get(faulty, path).status, get(faulty, path).status]).toEqual([200, 429, 200]);
    expect(get(faulty, '/api/v1/namespaces/slipway/pods').status).toBe(500);
  });

  it('the control API reads state, calls and the timeline, advances time, sets faults and scenarios', () => {
    const control = (method: string, path: string, body: unknown = {}) =>
      handleControl(sim, method, new URL(path, 'http://sim'), body);
    expect(control('GET', '/_sim/health')).toMatchObject({ status: 200 });
    expect(control('GET', '/_sim/state').body).toMatchObject({ deployments: [expect.anything()] });
    expect((control('GET', '/_sim/calls?write=true').body as unknown[]).length).toBeGreaterThan(0);
    expect(control('GET', '/_sim/timeline').status).toBe(200);
    expect(control('POST', '/_sim/advance', { seconds: 30 })).toMatchObject({ status: 200 });
    expect(control('POST', '/_sim/advance', {}).status).toBe(400);
    expect(control('POST', '/_sim/faults', [{ status: 500 }])).toMatchObject({ status: 200, body: { faults: 1 } });
    expect(control('POST', '/_sim/faults', {}).status).toBe(400);
    expect(control('POST', '/_sim/scenario', { preset: 'nope' }).status).toBe(400);
    expect(control('POST', '/_sim/scenario', { rollouts: { x: { kind: 'bad' } } }).status).toBe(400);
    expect(control('POST', '/_sim/scenario', apiScenario())).toMatchObject({ status: 200 });
    for (const preset of Object.keys(PRESETS)) expect(control('POST', '/_sim/scenario', { preset }).status).toBe(200);
    expect(control('DELETE', '/_sim/calls').status).toBe(204);
    expect(control('GET', '/_sim/nope').status).toBe(404);
  });

  it('validates scenarios and writes kubeconfigs', () => {
    expect(() => validateScenario([])).toThrow(ScenarioError);
    expect(() => validateScenario({ deployments: [{ name: 'x' }] })).toThrow(/needs namespace/);
    expect(() => validateScenario({ forbidden: ['patch'] })).toThrow(/"<verb> <resource>"/);
    expect(simulatorKubeconfig('http://127.0.0.1:1', { namespace: 'slipway', context: 'c' })).toContain(
      '    namespace: slipway\ncurrent-context: c',
    );
  });
});
