import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ExecutorContext } from '@nx/devkit';
import { FAKE_CLUSTER, FakeEcsWorld, wireFakeWorld } from '@slipway/deploy-provider-ecs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import deployExecutor from '../deploy/executor';
import deployStatusExecutor from '../deploy-status/executor';
import rollbackExecutor from './executor';

const ecsMock = mockClient(ECSClient);
const ecrMock = mockClient(ECRClient);

describe('rollback and deploy-status executors', () => {
  const saved = { ...process.env };
  let out: string[];
  let context: ExecutorContext;

  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env = { ...saved, SLIPWAY_POLL_INTERVAL: '10ms', GITHUB_STEP_SUMMARY: '', GITHUB_OUTPUT: '' };
    const root = mkdtempSync(join(tmpdir(), 'slipway-rollback-exec-'));
    writeFileSync(
      join(root, 'deploy.json'),
      JSON.stringify({ environments: { production: { provider: 'ecs', region: 'eu-west-1', cluster: FAKE_CLUSTER, service: 'api', container: 'api', repository: 'slipway/api' } } }),
    );
    context = { root, cwd: root, isVerbose: false, projectName: 'api' } as ExecutorContext;
    ecsMock.reset();
    ecrMock.reset();
    wireFakeWorld(new FakeEcsWorld({ stepSeconds: 0.02, liveClock: Date.now }, Date.now()), ecsMock, ecrMock);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
  });

  it('deploy, then rollback to the previous version, then status shows it', async () => {
    const options = { config: 'deploy.json', environment: 'production' };
    expect(await deployExecutor({ ...options, version: 'v1.2.0' }, context)).toMatchObject({ exitCode: 0 });
    const back = await rollbackExecutor(options, context);
    expect(back).toMatchObject({ success: true, exitCode: 0, report: { command: 'rollback', version: 'v1.1.0' } });
    out.length = 0;
    const status = await deployStatusExecutor({ ...options, json: true }, context);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ environments: [{ environment: 'production', version: 'v1.1.0', rolloutState: 'COMPLETED' }] });
  });

  it('rollback --to an unknown version fails pre-flight with the nearest ones', async () => {
    const result = await rollbackExecutor({ config: 'deploy.json', environment: 'production', to: 'v1.1.5' }, context);
    expect(result).toMatchObject({ exitCode: 2, outcome: 'PREFLIGHT_FAILED' });
    expect(out.join('')).toContain('nearest existing versions: v1.2.0, v1.1.0');
  });
});
