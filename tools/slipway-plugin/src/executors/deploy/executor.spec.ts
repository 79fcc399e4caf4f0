import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ExecutorContext } from '@nx/devkit';
import { FAKE_CLUSTER, FakeEcsWorld, wireFakeWorld } from '@slipway/deploy-provider-ecs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import deployExecutor, { ioFor, writeToTerminal } from './executor';

const ecsMock = mockClient(ECSClient);
const ecrMock = mockClient(ECRClient);

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-deploy-exec-'));
  writeFileSync(
    join(root, 'deploy.json'),
    JSON.stringify({
      environments: {
        staging: { provider: 'ecs', region: 'eu-west-1', cluster: 'slipway-staging', service: 'api', container: 'api', repository: 'slipway/api' },
        production: { provider: 'ecs', region: 'eu-west-1', cluster: FAKE_CLUSTER, service: 'api', container: 'api', repository: 'slipway/api' },
      },
    }),
  );
  return root;
}

function contextFor(root: string): ExecutorContext {
  return { root, cwd: root, isVerbose: false, projectName: 'api' } as ExecutorContext;
}

/** A world that moves in real (tiny) time: every call first catches it up with the wall clock. */
function liveWorld(): FakeEcsWorld {
  ecsMock.reset();
  ecrMock.reset();
  const world = new FakeEcsWorld({ stepSeconds: 0.02, liveClock: Date.now }, Date.now());
  wireFakeWorld(world, ecsMock, ecrMock);
  return world;
}

describe('deploy executor', () => {
  const saved = { ...process.env };
  let out: string[];
  let err: string[];

  beforeEach(() => {
    out = [];
    err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    process.env = { ...saved, SLIPWAY_POLL_INTERVAL: '10ms', GITHUB_STEP_SUMMARY: '', GITHUB_OUTPUT: '' };
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
  });

  it('deploys a healthy version and reports exit 0', async () => {
    const world = liveWorld();
    const result = await deployExecutor({ config: 'deploy.json', version: 'v1.2.0', environment: 'production' }, contextFor(workspace()));
    expect(result).toMatchObject({ success: true, exitCode: 0, outcome: 'DEPLOYED' });
    expect(world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(out.join('')).toContain('outcome: DEPLOYED (exit 0)');
  });

  it('fails loudly with exit 2 when no version arrives (a bare --version is swallowed by Nx)', async () => {
    const world = liveWorld();
    const result = await deployExecutor({ config: 'deploy.json', environment: 'production' }, contextFor(workspace()));
    expect(result).toMatchObject({ success: false, exitCode: 2, outcome: 'INVALID_INPUT' });
    expect(out.join('')).toContain('pass it after "--": nx run api:deploy -- --version vX.Y.Z --environment <name>');
    expect(world.calls).toEqual([]);
  });

  it('--json prints one JSON document on stdout and writes GitHub outputs', async () => {
    liveWorld().behave('v1.2.0', 'pull-error');
    const root = workspace();
    process.env['GITHUB_OUTPUT'] = join(root, 'out.txt');
    process.env['GITHUB_STEP_SUMMARY'] = join(root, 'summary.md');
    const result = await deployExecutor({ config: 'deploy.json', version: 'v1.2.0', environment: 'production', json: true }, contextFor(root));
    expect(result).toMatchObject({ success: false, exitCode: 3, outcome: 'ROLLED_BACK' });
    const doc = JSON.parse(out.join(''));
    // Who rolls back (Slipway, or ECS's circuit breaker first) depends on timing in this live-clock
    // world; the engine's own specs settle it on a simulated clock. Here only the outputs matter.
    expect(doc).toMatchObject({ outcome: 'ROLLED_BACK', exitCode: 3, version: 'v1.2.0', rollback: { by: expect.stringMatching(/^(slipway|platform)$/), status: 'COMPLETED' } });
    expect(err.join('')).toContain('outcome: ROLLED_BACK (exit 3)');
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toContain('exit-code=3\n');
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toContain('**ROLLED_BACK** (exit 3)');
  });

  it('tells the engine which deploy config the target is configured with', () => {
    const root = workspace();
    expect(ioFor({ ...contextFor(root), target: { options: { config: 'apps/api/deploy.json' } } }).defaultConfig).toBe('apps/api/deploy.json');
    expect(ioFor(contextFor(root)).defaultConfig).toBeUndefined();
  });

  it('writes to the terminal when there is one, silently not otherwise', () => {
    const file = join(workspace(), 'tty');
    writeToTerminal('hello\n', file);
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
    expect(() => writeToTerminal('x', '/nonexistent/dir/tty')).not.toThrow();
  });
});
