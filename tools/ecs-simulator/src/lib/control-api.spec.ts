/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON answers are asserted field by field; typing each one adds nothing. */
import { startSimulator, type RunningSimulator } from './http-server';
import { apiScenario } from './presets';

describe('control API under /_sim/', () => {
  let sim: RunningSimulator;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const aws = (operation: string, input: unknown) =>
    fetch(sim.url, {
      method: 'POST',
      headers: { 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}` },
      body: JSON.stringify(input),
    });

  beforeEach(async () => {
    sim = await startSimulator(apiScenario({ msPerSimSecond: 1000 }));
  });
  afterEach(() => sim.close());

  it('reports health, state and timeline', async () => {
    const health = await call('GET', '/_sim/health');
    expect(health.body).toMatchObject({ ok: true, msPerSimSecond: 1000 });
    const state = await call('GET', '/_sim/state');
    expect(state.body.services[0]).toMatchObject({ serviceName: 'api', runningCount: 2 });
    expect(state.body.taskDefinitions.map((t: { arn: string }) => t.arn.split('/')[1])).toEqual(['api:1', 'api:2']);
    expect((await call('GET', '/_sim/timeline')).body).toEqual({ timeline: [] });
  });

  it('records calls, filters them by operation, mutation and sequence, and clears them', async () => {
    await aws('DescribeServices', { cluster: 'sim-cluster', services: ['api'] });
    await aws('UpdateService', { cluster: 'sim-cluster', service: 'api', forceNewDeployment: true });
    await aws('UpdateService', { cluster: 'sim-cluster', service: 'nope' });
    const all = (await call('GET', '/_sim/calls')).body.calls;
    expect(
      all.map((c: { operation: string; mutating: boolean; error?: string }) => [
        c.operation,
        c.mutating,
        c.error ?? null,
      ]),
    ).toEqual([
      ['DescribeServices', false, null],
      ['UpdateService', true, null],
      ['UpdateService', true, 'ServiceNotFoundException'],
    ]);
    expect(all[1].input).toEqual({ cluster: 'sim-cluster', service: 'api', forceNewDeployment: true });
    expect((await call('GET', '/_sim/calls?mutating=true')).body.calls).toHaveLength(2);
    expect((await call('GET', '/_sim/calls?operation=DescribeServices')).body.calls).toHaveLength(1);
    expect((await call('GET', '/_sim/calls?since=2')).body.calls.map((c: { seq: number }) => c.seq)).toEqual([3]);
    await call('DELETE', '/_sim/calls');
    expect((await call('GET', '/_sim/calls')).body.calls).toEqual([]);
  });

  it('loads a scenario, adds faults and jumps simulated time', async () => {
    const loaded = await call('POST', '/_sim/scenario', {
      ...apiScenario({ defaultRollout: { kind: 'healthy', after: 10 } }),
      name: 'quick',
      msPerSimSecond: 1000,
    });
    expect(loaded.body).toEqual({ loaded: 'quick', msPerSimSecond: 1000 });
    const fault = await call('POST', '/_sim/faults', {
      operation: 'DescribeServices',
      error: 'ThrottlingException',
      times: 1,
    });
    expect(fault.body.faults).toEqual([
      { operation: 'DescribeServices', error: 'ThrottlingException', times: 1, fired: 0 },
    ]);
    expect((await aws('DescribeServices', { cluster: 'sim-cluster', services: ['api'] })).status).toBe(400);
    expect((await aws('DescribeServices', { cluster: 'sim-cluster', services: ['api'] })).status).toBe(200);

    await aws('UpdateService', { cluster: 'sim-cluster', service: 'api', forceNewDeployment: true });
    const advanced = await call('POST', '/_sim/advance', { seconds: 11 });
    expect(advanced.body.simTime).toBeGreaterThanOrEqual(11);
    expect((await call('GET', '/_sim/timeline')).body.timeline.map((e: { event: string }) => e.event)).toEqual([
      'DEPLOYMENT_CREATED',
      'DRAINED',
      'COMPLETED',
    ]);
  });

  it('loads the api preset with options', async () => {
    const loaded = await call('POST', '/_sim/preset/api', {
      desiredCount: 6,
      rollout: { kind: 'stuck' },
      rollbackAfter: 120,
    });
    expect(loaded.body.loaded).toBe('api');
    const state = (await call('GET', '/_sim/state')).body;
    expect(state.services[0].desiredCount).toBe(6);
    expect((await call('POST', '/_sim/preset/api', '[]')).status).toBe(400);
    expect((await call('POST', '/_sim/preset/api', { rollout: { kind: 'nope' } })).body.error).toMatch(
      /kind must be one of/,
    );
  });

  it('rejects bad control requests with a message that says what to send', async () => {
    expect(await call('POST', '/_sim/scenario', { services: 'nope' })).toEqual({
      status: 400,
      body: { error: 'Invalid scenario: services must be an array' },
    });
    expect((await call('POST', '/_sim/faults', { operation: 'X' })).body.error).toBe(
      'Invalid scenario: faults[0].error must be a non-empty string',
    );
    expect((await call('POST', '/_sim/advance', { seconds: -1 })).body.error).toMatch(/seconds/);
    expect((await call('POST', '/_sim/scenario', '{nope')).body).toEqual({ error: 'Body is not JSON' });
    const missing = await call('GET', '/_sim/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/Routes: GET/);
  });
});
