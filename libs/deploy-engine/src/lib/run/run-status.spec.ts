import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '../errors';
import { formatStatus } from '../report/render';
import { FakeProvider, fakeFactory } from '../test-support/fake-provider';
import { SimulatedClock } from '../test-support/simulated-clock';
import { runStatus } from './run-status';

const root = mkdtempSync(join(tmpdir(), 'slipway-status-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, 'deploy.json'),
  JSON.stringify({
    environments: { staging: { provider: 'fake', cluster: 's' }, production: { provider: 'fake', cluster: 'p' } },
  }),
);
const deps = (provider: FakeProvider) => ({
  app: 'api',
  workspaceRoot: root,
  providers: [fakeFactory(provider)],
  env: {},
  log: () => undefined,
  clock: new SimulatedClock(0),
});

describe('runStatus', () => {
  it('reads every environment: version, digest, revision, rollout state and since when', async () => {
    const report = await runStatus({ config: 'deploy.json' }, deps(new FakeProvider()));
    expect(report).toMatchObject({ outcome: 'REPORTED', exitCode: 0 });
    expect(report.environments.map((e) => e.environment)).toEqual(['staging', 'production']);
    expect(report.environments[0]).toMatchObject({
      version: 'v1.2.0',
      digest: 'sha256:new',
      revision: 'app:2',
      rolloutState: 'COMPLETED',
      running: 2,
      desired: 2,
      since: '1970-01-01T00:00:00.000Z',
    });
    const table = formatStatus(report);
    expect(table[0]).toMatch(/^ENVIRONMENT\s+VERSION\s+DIGEST\s+REVISION\s+ROLLOUT\s+SINCE$/);
    expect(table[1]).toMatch(/^staging\s+v1.2.0\s+sha256:new\s+app:2\s+COMPLETED 2\/2\s+1970/);
    expect(table.at(-1)).toBe('outcome: REPORTED (exit 0)');
  });

  it('keeps going when one environment fails, and exits 2', async () => {
    const provider = new FakeProvider();
    provider.statusResult = new ProviderError('access-denied', 'AccessDenied', 'ecs:DescribeServices');
    const report = await runStatus({ config: 'deploy.json', environment: 'staging', cluster: 'x' }, deps(provider));
    expect(report).toMatchObject({
      outcome: 'PREFLIGHT_FAILED',
      exitCode: 2,
      environments: [{ environment: 'staging', error: 'ecs:DescribeServices: AccessDenied' }],
    });
    expect(formatStatus(report)[1]).toBe('staging      error: ecs:DescribeServices: AccessDenied');
    provider.statusResult = new Error('weird');
    expect(
      (await runStatus({ config: 'deploy.json', environment: 'staging' }, deps(provider))).environments[0].error,
    ).toBe('weird');
  });

  it("reports a provider that cannot even be created as that environment's error, and reads the others", async () => {
    const provider = new FakeProvider();
    const factory = {
      ...fakeFactory(provider),
      create: (settings: Record<string, string>) => {
        if (settings['cluster'] === 's') throw new Error('no kubeconfig at ~/.kube/config');
        return provider;
      },
    };
    const report = await runStatus({ config: 'deploy.json' }, { ...deps(provider), providers: [factory] });
    expect(report).toMatchObject({ outcome: 'PREFLIGHT_FAILED', exitCode: 2, message: 'could not read staging' });
    expect(report.environments).toEqual([
      { environment: 'staging', provider: 'fake', error: 'no kubeconfig at ~/.kube/config' },
      expect.objectContaining({ environment: 'production', version: 'v1.2.0' }),
    ]);
  });

  it('shows unrecorded versions, tag images and extra rollouts', async () => {
    const provider = new FakeProvider();
    provider.statusResult = {
      current: { id: 'r', label: 'app:7', image: 'repo:v1' },
      rollouts: [{} as never, {} as never],
      rollout: undefined,
    };
    const report = await runStatus({ config: 'deploy.json', environment: 'staging' }, deps(provider));
    expect(formatStatus(report)[1]).toMatch(
      /staging\s+\(unrecorded\)\s+\(tag, not digest\)\s+app:7\s+\? \?\/\? \(\+1 more\)/,
    );
  });

  it('refuses bad input before any call', async () => {
    const provider = new FakeProvider();
    expect(await runStatus({}, deps(provider))).toMatchObject({
      outcome: 'INVALID_INPUT',
      message: expect.stringContaining('no deploy config'),
    });
    expect((await runStatus({ config: 'deploy.json', environment: 'qa' }, deps(provider))).message).toContain(
      'unknown environment "qa"',
    );
    expect((await runStatus({ config: 'deploy.json', cluster: 'x' }, deps(provider))).message).toContain(
      'need --environment',
    );
    expect((await runStatus({ config: 'nope.json' }, deps(provider))).outcome).toBe('INVALID_INPUT');
    expect(provider.calls).toEqual([]);
  });
});
