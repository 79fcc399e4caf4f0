import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderFactory } from '@slipway/deploy-engine';
import { runDeployCommand } from './deploy-command';

/** A provider whose rollout never ends: enough to test signals and output wiring. */
function hangingProvider(): ProviderFactory {
  const revision = { id: 'rev-1', label: 'app:1', image: 'repo@sha256:old', version: 'v1.0.0' };
  const next = { id: 'rev-2', label: 'app:2', image: 'repo@sha256:new' };
  const rollout = {
    id: 'r2',
    revisionId: 'rev-2',
    revisionLabel: 'app:2',
    primary: true,
    state: 'IN_PROGRESS' as const,
    desired: 1,
    pending: 1,
    running: 0,
    failed: 0,
  };
  return {
    name: 'fake',
    settings: [{ name: 'cluster', required: false, description: 'c' }],
    validate: () => [],
    create: () => ({
      description: 'fake target',
      inspectCommands: () => [],
      resolveImage: async (version) => ({
        found: true,
        image: { version, repository: 'repo', digest: 'sha256:new', reference: 'repo@sha256:new', tags: [version] },
      }),
      readTarget: async () => ({
        status: 'ACTIVE',
        current: revision,
        stable: revision,
        rollouts: [{ ...rollout, id: 'r1', revisionId: 'rev-1', state: 'COMPLETED', running: 1, pending: 0 }],
        events: [],
        platformRollback: false,
      }),
      plan: async (target, image) => ({
        image,
        current: target.current,
        stable: target.stable,
        nextLabel: 'app:2',
        changes: [],
        facts: [],
      }),
      apply: async () => ({ rolloutId: 'r2', revision: next }),
      restore: async () => ({ rolloutId: 'r3', revision }),
      observe: async () => ({ status: 'ACTIVE', rollouts: [rollout], events: [], stoppedTasks: [] }),
      readRevision: async () => revision,
      status: async () => ({ current: revision, rollouts: [] }),
    }),
  };
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function io(signals: EventEmitter) {
  const root = mkdtempSync(join(tmpdir(), 'slipway-deploy-command-'));
  roots.push(root);
  writeFileSync(join(root, 'deploy.json'), JSON.stringify({ environments: { dev: { provider: 'fake' } } }));
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      app: 'api',
      workspaceRoot: root,
      env: { SLIPWAY_POLL_INTERVAL: '20ms' },
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      signals: signals as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
      providers: [hangingProvider()],
    },
  };
}

describe('runDeployCommand', () => {
  it('turns SIGINT into a clean stop with exit 130 and the state, then unhooks its handlers', async () => {
    const signals = new EventEmitter();
    const { io: commandIo, out } = io(signals);
    const running = runDeployCommand('deploy', { config: 'deploy.json', version: 'v1.1.0' }, commandIo);
    await until(() => out.some((l) => l.includes('PRIMARY app:2 IN_PROGRESS')));
    signals.emit('SIGINT', 'SIGINT');
    signals.emit('SIGTERM', 'SIGTERM');
    const result = await running;
    expect(result).toMatchObject({ success: false, exitCode: 130, outcome: 'INTERRUPTED' });
    const text = out.join('\n');
    expect(text).toContain('SIGINT received: stopping the watch');
    expect(text).toContain('interrupted while watching r2 (IN_PROGRESS, running 0/1, failed 0)');
    expect(text).toContain('npx nx run api:deploy-status -- --environment dev');
    expect(text).toContain('outcome: INTERRUPTED (exit 130)');
    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('under nx run, also writes the interrupted summary to the terminal (Nx silences its output on SIGINT)', async () => {
    const signals = new EventEmitter();
    const { io: commandIo, out } = io(signals);
    const terminal: string[] = [];
    const running = runDeployCommand(
      'deploy',
      { config: 'deploy.json', version: 'v1.1.0' },
      { ...commandIo, env: { ...commandIo.env, NX_TASK_TARGET_PROJECT: 'api' }, terminal: (t) => terminal.push(t) },
    );
    await until(() => out.some((l) => l.includes('PRIMARY app:2 IN_PROGRESS')));
    signals.emit('SIGTERM', 'SIGTERM');
    expect((await running).exitCode).toBe(130);
    expect(terminal.join('')).toContain('outcome: INTERRUPTED (exit 130)');
  });

  it.each([
    ['stdout already is the terminal (interactive nx run)', { stdoutIsTerminal: true }, {}],
    ['not under nx run', {}, { NX_TASK_TARGET_PROJECT: undefined }],
  ])('does not write the summary to the terminal a second time when %s', async (_case, ioExtra, envExtra) => {
    const signals = new EventEmitter();
    const { io: commandIo, out } = io(signals);
    const terminal: string[] = [];
    const env = { ...commandIo.env, NX_TASK_TARGET_PROJECT: 'api', ...envExtra };
    const running = runDeployCommand(
      'deploy',
      { config: 'deploy.json', version: 'v1.1.0' },
      { ...commandIo, env, terminal: (t) => terminal.push(t), ...ioExtra },
    );
    await until(() => out.some((l) => l.includes('PRIMARY app:2 IN_PROGRESS')));
    signals.emit('SIGINT', 'SIGINT');
    expect((await running).exitCode).toBe(130);
    expect(out).toContain('outcome: INTERRUPTED (exit 130)');
    expect(terminal).toEqual([]);
  });

  it("the interrupted summary repeats --config when the run used another file than the target's own", async () => {
    const signals = new EventEmitter();
    const { io: commandIo, out } = io(signals);
    const running = runDeployCommand(
      'deploy',
      { config: 'deploy.json', version: 'v1.1.0' },
      { ...commandIo, defaultConfig: 'apps/api/deploy.json' },
    );
    await until(() => out.some((l) => l.includes('PRIMARY app:2 IN_PROGRESS')));
    signals.emit('SIGINT', 'SIGINT');
    expect((await running).exitCode).toBe(130);
    expect(out).toEqual(
      expect.arrayContaining([
        '    npx nx run api:deploy-status -- --config deploy.json --environment dev',
        '    npx nx run api:rollback -- --config deploy.json --environment dev --to v1.0.0',
      ]),
    );
  });

  it('prints the status table, or the error, for deploy-status', async () => {
    const { io: commandIo, out } = io(new EventEmitter());
    const result = await runDeployCommand('deploy-status', { config: 'deploy.json' }, commandIo);
    expect(result.exitCode).toBe(0);
    expect(out[0]).toMatch(/^ENVIRONMENT/);
    const bad = await runDeployCommand('deploy-status', { config: 'missing.json' }, commandIo);
    expect(bad.exitCode).toBe(2);
    expect(out.join('\n')).toContain('error: cannot read deploy config missing.json');
  });

  it('warns but does not fail when the GitHub files cannot be written', async () => {
    const { io: commandIo, out } = io(new EventEmitter());
    const result = await runDeployCommand(
      'deploy',
      { config: 'deploy.json', version: 'v1.0.0', dryRun: true },
      { ...commandIo, env: { GITHUB_OUTPUT: '/nonexistent/dir/out' } },
    );
    expect(result.exitCode).toBe(0);
    expect(out.join('\n')).toContain('warning: could not write GitHub Actions summary/outputs');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
