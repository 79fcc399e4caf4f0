import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryImageSource } from '@slipway/deploy-provider-local/testing';
import { FakeRunner } from '../test-support/fake-runner';
import { EXIT } from './exit-codes';
import { parseOptions } from './options';
import { movement, rehearse, type RehearsalDeps } from './rehearsal';
import { ReleaseHistory } from './release-history';
import type { RehearsalState, StateStore } from './state';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const DIGEST = `sha256:${'d'.repeat(64)}`;
const LOCAL = {
  provider: 'local',
  registry: '127.0.0.1:5055',
  repository: 'slipway/api',
  container: 'slipway-api-local',
  port: '3000',
};
const STATUS_LOCAL = { ...LOCAL, repository: 'slipway/status', container: 'slipway-status-local', port: '3001' };
const EXPORTS =
  'export DOCKER_HOST=unix:///tmp/ce/docker.sock\nexport SLIPWAY_TEST_REGISTRY=127.0.0.1:5055\nexport SLIPWAY_BASE_IMAGE=local/node-base:24\n';

function preview(next: string | null, last: string | null, commits = 1) {
  return JSON.stringify({
    head: HEAD,
    lastRelease: last,
    next: next ? { version: next.slice(1), gitTag: next, type: 'minor' } : null,
    commits: Array.from({ length: commits }, (_, i) => ({
      sha: String(i).repeat(40),
      header: 'feat: x',
      releaseType: 'minor',
    })),
  });
}

function deployReport(outcome: string, exitCode: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ outcome, exitCode, message: `${outcome} message`, ...extra });
}

/** What `npm run services:build` prints: the list on stdout, why on stderr. */
function servicesList(services: string[], why = 'a version was released') {
  return { stdout: JSON.stringify(services), stderr: `services: ${services.join(', ')} (${why})\n` };
}

describe('rehearse', () => {
  let root: string;
  let runner: FakeRunner;
  let registry: MemoryImageSource;
  let state: RehearsalState | undefined;
  let output: string[];
  /** What /version answers, by port. */
  let served: Record<string, unknown>;
  let clock: number;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'slipway-rehearse-spec-'));
    writeDeployConfig({ local: LOCAL });
    registry = new MemoryImageSource();
    state = undefined;
    output = [];
    served = { 3000: { version: 'v1.0.0', commit: HEAD }, 3001: { version: 'v1.0.0', commit: HEAD } };
    clock = 0;
    runner = new FakeRunner()
      .on(/^git rev-parse --verify HEAD/, { stdout: `${HEAD}\n` })
      .on(/^git log -1/, { stdout: 'feat(api): hello\n' })
      .on(/^git rev-parse --quiet --verify refs\/tags\//, { code: 1 })
      .on(/container-env\.sh start$/, { stdout: EXPORTS, stderr: 'container-env: engine up\n' })
      .on(/release-next\.cjs --json$/, { stdout: preview('v1.0.0', null) })
      .on(/services\.cjs build/, servicesList(['api']))
      .on(/publish-image\/cli\.cjs/, {
        stdout: JSON.stringify({
          ok: true,
          image: '127.0.0.1:5055/slipway/api',
          digest: DIGEST,
          tags: [`sha-${HEAD}`, 'v1.0.0'],
          outcomes: { [`sha-${HEAD}`]: 'pushed', 'v1.0.0': 'copied' },
        }),
      })
      .on(/slipway\.js deploy/, { stdout: deployReport('DEPLOYED', 0) });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writeDeployConfig(environments: Record<string, unknown>, app = 'api') {
    mkdirSync(join(root, 'apps', app), { recursive: true });
    writeFileSync(join(root, 'apps', app, 'deploy.json'), JSON.stringify({ environments }));
  }

  const store: StateStore = {
    read: async () => state,
    write: async (next) => {
      state = next;
    },
  };

  function deps(overrides: Partial<RehearsalDeps> = {}): RehearsalDeps {
    return {
      root,
      env: { PATH: '/usr/bin' },
      node: '/usr/bin/node',
      run: runner.run,
      fetch: (async (url: string) =>
        new Response(JSON.stringify(served[new URL(url).port]), { status: 200 })) as unknown as typeof fetch,
      now: () => (clock += 500),
      say: (line) => output.push(line),
      history: () => new ReleaseHistory(registry),
      state: store,
      ...overrides,
    };
  }

  const run = (...argv: string[]) => rehearse(parseOptions(argv), deps());
  const text = () => output.join('\n');

  it('runs every workflow step once, in order, and deploys the next release', async () => {
    expect(await run()).toBe(EXIT.ok);
    const steps = runner.calls.filter((c) => !c.startsWith('git '));
    expect(steps).toEqual([
      `bash ${root}/tools/ci/container-env.sh start`,
      `/usr/bin/node ${root}/node_modules/.bin/nx run-many -t lint test build typecheck`,
      `/usr/bin/node ${root}/tools/repo-rules/bin/release-next.cjs --json`,
      `/usr/bin/node ${root}/tools/repo-rules/bin/services.cjs build --released true`,
      `/usr/bin/node ${root}/node_modules/.bin/nx run-many -t docker:build -p api --output-style=static -- --tag slipway-rehearsal/$NX_TASK_TARGET_PROJECT:${HEAD.slice(0, 12)} --quiet`,
      `/usr/bin/node ${root}/tools/slipway-plugin/src/executors/publish-image/cli.cjs --registry 127.0.0.1:5055 --repository slipway/api --commit ${HEAD} --version v1.0.0 --image slipway-rehearsal/api:${HEAD.slice(0, 12)} --json`,
      `/usr/bin/node ${root}/tools/slipway-plugin/bin/slipway.js deploy api -- --version v1.0.0 --environment local --timeout 3m --json`,
    ]);
    const build = runner.requests.find((r) => r.args.includes('docker:build'))!;
    expect(build.env).toMatchObject({
      APP_VERSION: 'v1.0.0',
      APP_COMMIT: HEAD,
      BASE_IMAGE: 'local/node-base:24',
      DOCKER_HOST: 'unix:///tmp/ce/docker.sock',
    });
    expect(text()).toContain('$ node node_modules/.bin/nx run-many -t lint test build typecheck\n');
    expect(text()).toContain(
      `$ APP_VERSION=v1.0.0 APP_COMMIT=${HEAD} node node_modules/.bin/nx run-many -t docker:build -p api --output-style=static`,
    );
    expect(state).toMatchObject({ head: HEAD, version: 'v1.0.0' });
    expect(text()).toContain(`Rehearsal of ${HEAD.slice(0, 12)} "feat(api): hello"`);
    expect(text()).toMatch(
      /✔ deploy api +[\d.]+ s {2}nothing → v1\.0\.0 \(first deploy\) in container slipway-api-local/,
    );
    expect(text()).toContain('local runs v1.0.0 of every service (the release this commit makes):');
    expect(text()).toContain('  api  curl http://127.0.0.1:3000/version');
    expect(text()).toContain('eval "$(tools/ci/container-env.sh env)"');
    expect(text()).toContain('node tools/slipway-plugin/bin/slipway.js rollback api -- --environment local');
  });

  it('checks only what changed since the last successful rehearsal, and says an upgrade', async () => {
    state = { head: OLD, version: 'v1.0.0', at: '' };
    registry.publish(`sha256:${'1'.repeat(64)}`, ['v1.0.0', `sha-${OLD}`], {
      'org.opencontainers.image.revision': OLD,
    });
    runner.on(/release-next/, { stdout: preview('v1.1.0', 'v1.0.0') });
    runner.on(/slipway\.js deploy/, {
      stdout: deployReport('DEPLOYED', 0, { previousRevision: { label: 'x', version: 'v1.0.0' } }),
    });
    runner.on(/nx affected/, { stdout: 'NX   Successfully ran targets lint, test, build, typecheck for 2 projects\n' });
    served[3000] = { version: 'v1.1.0', commit: HEAD };
    expect(await run()).toBe(EXIT.ok);
    expect(runner.ran(/services\.cjs/)).toEqual([
      `/usr/bin/node ${root}/tools/repo-rules/bin/services.cjs build --released true --base ${OLD} --head ${HEAD}`,
    ]);
    expect(runner.ran(/nx affected/)).toEqual([
      `/usr/bin/node ${root}/node_modules/.bin/nx affected -t lint test build typecheck --base=${OLD} --head=${HEAD}`,
    ]);
    expect(runner.ran(/^git tag/)).toEqual([`git tag v1.0.0 ${OLD}`]);
    expect(text()).toContain('release history includes the rehearsed release(s) v1.0.0');
    expect(text()).toContain(`affected since ${OLD.slice(0, 12)} (last rehearsal, v1.0.0): 2 projects`);
    expect(text()).toContain('v1.0.0 → v1.1.0 (upgrade)');
  });

  it('falls back to every project when the last rehearsal is not in this history', async () => {
    state = { head: OLD, version: 'v1.0.0', at: '' };
    runner.on(/merge-base --is-ancestor/, { code: 1 });
    runner.on(/nx run-many/, { stdout: 'No tasks were run\n' });
    expect(await run()).toBe(EXIT.ok);
    expect(text()).toContain(
      `every project (the last rehearsal's ${OLD.slice(0, 12)} is not in this history): nothing affected`,
    );
  });

  it('takes --base and --skip-checks', async () => {
    expect(await run('--base', OLD)).toBe(EXIT.ok);
    expect(runner.ran(/nx affected/)[0]).toContain(`--base=${OLD}`);
    runner.calls.length = 0;
    expect(await run('--skip-checks')).toBe(EXIT.ok);
    expect(runner.ran(/nx (affected|run-many) -t lint test build typecheck/)).toEqual([]);
    expect(text()).toContain('– checks');
  });

  it('refuses uncommitted changes before starting anything', async () => {
    runner.on(/^git status --porcelain/, { stdout: ' M apps/api/src/main.ts\n?? a\n?? b\n?? c\n?? d\n?? e\n' });
    expect(await run()).toBe(EXIT.notRehearsable);
    expect(text()).toMatch(
      /uncommitted changes \(M apps\/api\/src\/main\.ts, \?\? a, \?\? b, \?\? c, \?\? d, … 6 in all\): commit or stash them first/,
    );
    expect(runner.ran(/container-env/)).toEqual([]);
    expect(state).toBeUndefined();
  });

  it('refuses a directory without commits', async () => {
    runner.on(/^git rev-parse --verify HEAD/, { code: 128, stdout: '' });
    expect(await run()).toBe(EXIT.notRehearsable);
    expect(text()).toContain('is not a git repository with a commit');
  });

  it('stops at once, saying how to get Docker, when no engine can be had', async () => {
    runner.on(/container-env\.sh start$/, {
      code: 1,
      stderr: 'container-env: installing docker.io\nsudo: a password is required\n',
    });
    expect(await run()).toBe(EXIT.noDocker);
    expect(text()).toContain('no Docker engine: tools/ci/container-env.sh start failed (exit 1)');
    expect(text()).toContain('sudo tools/ci/container-env.sh start');
    expect(text()).toContain('SLIPWAY_DOCKER_HOST=unix:///var/run/docker.sock npm run rehearse');
    expect(text()).toContain('sudo: a password is required');
    expect(runner.ran(/nx /)).toEqual([]);
    expect(text()).toContain('exit 3');
  });

  it.each([
    ['no local environment', { staging: { provider: 'ecs' } }, 'has no "local" environment'],
    [
      'a local environment of another provider',
      { local: { provider: 'ecs' } },
      'uses provider "ecs"; the rehearsal deploys only to a "local" environment',
    ],
    [
      'a local environment without a container',
      { local: { ...LOCAL, container: undefined } },
      'needs container (or --container)',
    ],
  ])('refuses %s before starting anything', async (_name, environments, message) => {
    writeDeployConfig(environments);
    expect(await run()).toBe(EXIT.notRehearsable);
    expect(text()).toContain(message);
    expect(runner.ran(/container-env/)).toEqual([]);
  });

  it('refuses a service named with --app that has no deploy config', async () => {
    rmSync(join(root, 'apps/api/deploy.json'));
    expect(await run('--app', 'api')).toBe(EXIT.notRehearsable);
    expect(text()).toContain('cannot read deploy config apps/api/deploy.json');
  });

  it('exits 4 when lint, test, build or typecheck fail', async () => {
    runner.on(/nx run-many/, { code: 1 });
    expect(await run()).toBe(EXIT.checksFailed);
    expect(runner.ran(/release-next|docker:build|slipway\.js/)).toEqual([]);
  });

  it('exits 5 when the release preview fails or the registry cannot be read', async () => {
    runner.on(/release-next/, { code: 1, stderr: '✖ release preview failed: boom' });
    expect(await run()).toBe(EXIT.versionFailed);
    expect(text()).toContain('✖ release preview failed: boom');
    runner.on(/release-next/, { stdout: 'not json' });
    expect(await run()).toBe(EXIT.versionFailed);
    expect(text()).toContain('printed no JSON');
    runner.on(/^git clone/, { code: 128, stderr: 'fatal: nope' });
    expect(await run()).toBe(EXIT.versionFailed);
    registry.unreachable = new Error('cannot reach the registry at http://127.0.0.1:5055/v2/');
    expect(await run()).toBe(EXIT.versionFailed);
    expect(text()).toContain('cannot read the releases in the local registry: cannot reach the registry');
  });

  it('builds once: an image already published for this commit is promoted, not rebuilt', async () => {
    registry.publish(DIGEST, [`sha-${HEAD}`], { 'org.opencontainers.image.revision': HEAD });
    expect(await run()).toBe(EXIT.ok);
    expect(runner.ran(/docker:build/)).toEqual([]);
    expect(runner.ran(/publish-image/)[0]).toMatch(/--version v1\.0\.0 --promote --json$/);
    expect(text()).toContain(`built once: sha-${HEAD} is already in the registry`);
  });

  it('exits 6 when the commit tag holds another build, the build fails, or publish refuses', async () => {
    registry.publish(DIGEST, [`sha-${HEAD}`], { 'org.opencontainers.image.revision': 'c'.repeat(40) });
    expect(await run()).toBe(EXIT.imageFailed);
    expect(text()).toContain('commit tags never move');
    registry.tags.clear();
    runner.on(/docker:build/, { code: 1 });
    expect(await run()).toBe(EXIT.imageFailed);
    runner.on(/docker:build/, { code: 0 });
    runner.on(/publish-image/, {
      code: 3,
      stdout: JSON.stringify({
        ok: false,
        exitCode: 3,
        error: { kind: 'tag-conflict', message: 'v1.0.0 already names sha256:other' },
      }),
    });
    expect(await run()).toBe(EXIT.imageFailed);
    expect(text()).toContain('publish-image of api failed (exit 3): v1.0.0 already names sha256:other');
    runner.on(/publish-image/, { code: 4, stderr: 'registry down' });
    expect(await run()).toBe(EXIT.imageFailed);
    expect(text()).toContain('publish-image of api failed (exit 4): registry down');
    runner.on(/services\.cjs build/, { code: 1, stderr: '✖ nx show projects failed: no nx.json' });
    expect(await run()).toBe(EXIT.imageFailed);
    expect(text()).toContain('services:build failed (exit 1): ✖ nx show projects failed: no nx.json');
  });

  it('exits 7 with the deploy outcome when the new version was rolled back', async () => {
    runner.on(/slipway\.js deploy/, { code: 3, stdout: deployReport('ROLLED_BACK', 3) });
    expect(await run()).toBe(EXIT.deployFailed);
    expect(text()).toContain(
      'the deploy of api ended ROLLED_BACK (deploy exit 3): ROLLED_BACK message. The local environment runs its previous version again.',
    );
    expect(state).toBeUndefined();
    runner.on(/slipway\.js deploy/, { code: 1, stderr: 'slipway: cannot start' });
    expect(await run()).toBe(EXIT.deployFailed);
    expect(text()).toContain('the deploy of api printed no report (exit 1):\nslipway: cannot start');
  });

  it('reports a redeploy of what already runs', async () => {
    runner.on(/slipway\.js deploy/, { stdout: deployReport('ALREADY_DEPLOYED', 0) });
    expect(await run()).toBe(EXIT.ok);
    expect(text()).toContain('v1.0.0 already runs in slipway-api-local; nothing changed');
  });

  it('exits 8 when /version answers another version or nothing', async () => {
    served[3000] = { version: 'v0.9.0' };
    expect(await run()).toBe(EXIT.verifyFailed);
    expect(text()).toContain(`http://127.0.0.1:3000/version answers "v0.9.0", not v1.0.0 at ${HEAD.slice(0, 12)}`);
    served[3000] = { version: 'v1.0.0', commit: OLD };
    expect(await run()).toBe(EXIT.verifyFailed);
    expect(text()).toContain(`answers "v1.0.0" at ${OLD.slice(0, 12)}, not v1.0.0 at ${HEAD.slice(0, 12)}`);
    const refused = (async () => {
      throw new Error('connect ECONNREFUSED');
    }) as typeof fetch;
    const realNow = Date.now;
    let fake = realNow();
    Date.now = () => (fake += 5_000);
    try {
      expect(await rehearse(parseOptions([]), deps({ fetch: refused }))).toBe(EXIT.verifyFailed);
    } finally {
      Date.now = realNow;
    }
    expect(text()).toContain('did not answer (connect ECONNREFUSED)');
  });

  it('deploys the latest release when none is due, publishing only the commit tag', async () => {
    registry.publish(`sha256:${'1'.repeat(64)}`, ['v1.0.0'], { 'org.opencontainers.image.revision': OLD });
    runner.on(/release-next/, { stdout: preview(null, 'v1.0.0', 2) });
    served[3000] = { version: 'v1.0.0', commit: OLD };
    expect(await run()).toBe(EXIT.ok);
    expect(runner.ran(/services\.cjs/)[0]).toContain('build --released false');
    const build = runner.requests.find((r) => r.args.includes('docker:build'))!;
    expect(build.env?.['APP_VERSION']).toBe('0.0.0-dev');
    expect(runner.ran(/publish-image/)[0]).not.toContain('--version');
    expect(runner.ran(/slipway\.js deploy/)[0]).toContain('--version v1.0.0');
    expect(text()).toContain('(the latest release: none was due for this commit)');
  });

  it('passes overrides to publish and deploy, and only those that differ from the deploy config', async () => {
    served[3111] = { version: 'v1.0.0' };
    expect(
      await run('--app', 'api', '--repository', 'other/api', '--port', '3111', '--container', 'slipway-api-local'),
    ).toBe(EXIT.ok);
    expect(runner.ran(/publish-image/)[0]).toContain('--repository other/api');
    expect(runner.ran(/slipway\.js deploy/)[0]).toContain(
      '--environment local --repository other/api --port 3111 --timeout 3m',
    );
    expect(text()).toContain('curl http://127.0.0.1:3111/version');
    expect(text()).toContain(
      'node tools/slipway-plugin/bin/slipway.js deploy-status api -- --environment local --repository other/api --port 3111',
    );
  });

  it('leaves out the engine hint when the shell already talks to that engine', async () => {
    expect(await rehearse(parseOptions([]), deps({ env: { DOCKER_HOST: 'unix:///tmp/ce/docker.sock' } }))).toBe(
      EXIT.ok,
    );
    expect(text()).not.toContain('container-env.sh env');
  });

  describe('with two services', () => {
    beforeEach(() => {
      writeDeployConfig({ local: STATUS_LOCAL }, 'status');
      runner.on(/services\.cjs build/, servicesList(['api', 'status']));
    });

    it('builds, publishes, deploys and verifies each, on its own port, at the one version', async () => {
      expect(await run()).toBe(EXIT.ok);
      expect(runner.ran(/docker:build/)).toEqual([
        `/usr/bin/node ${root}/node_modules/.bin/nx run-many -t docker:build -p api,status --output-style=static -- --tag slipway-rehearsal/$NX_TASK_TARGET_PROJECT:${HEAD.slice(0, 12)} --quiet`,
      ]);
      expect(runner.ran(/publish-image/).map((call) => /--repository (\S+)/.exec(call)?.[1])).toEqual([
        'slipway/api',
        'slipway/status',
      ]);
      expect(runner.ran(/slipway\.js deploy/)).toEqual([
        `/usr/bin/node ${root}/tools/slipway-plugin/bin/slipway.js deploy api -- --version v1.0.0 --environment local --timeout 3m --json`,
        `/usr/bin/node ${root}/tools/slipway-plugin/bin/slipway.js deploy status -- --version v1.0.0 --environment local --timeout 3m --json`,
      ]);
      expect(text()).toMatch(/✔ verify status +[\d.]+ s {2}http:\/\/127\.0\.0\.1:3001\/version → v1\.0\.0/);
      expect(text()).toContain('  status  curl http://127.0.0.1:3001/version');
      expect(text()).toContain('node tools/slipway-plugin/bin/slipway.js rollback <service> -- --environment local');
      expect(text()).toContain('npx nx run-many -t deploy-status --output-style=static -- --environment local');
      expect(state).toMatchObject({ head: HEAD, version: 'v1.0.0' });
    });

    it('builds in its one nx run-many only the images this commit has not got, and promotes the others', async () => {
      const history = (_registry: string, repository: string) => {
        const source = new MemoryImageSource();
        if (repository === 'slipway/api')
          source.publish(DIGEST, [`sha-${HEAD}`], { 'org.opencontainers.image.revision': HEAD });
        return new ReleaseHistory(source);
      };
      expect(await rehearse(parseOptions([]), deps({ history }))).toBe(EXIT.ok);
      expect(runner.ran(/docker:build/)).toEqual([expect.stringContaining('docker:build -p status ')]);
      expect(runner.ran(/publish-image/)).toEqual([
        expect.stringMatching(/--repository slipway\/api .* --promote --json$/),
        expect.stringMatching(/--repository slipway\/status .* --image slipway-rehearsal\/status:a{12} --json$/),
      ]);
      expect(text()).toMatch(
        /✔ images +[\d.]+ s {2}slipway-rehearsal\/status:a{12} with APP_VERSION=v1\.0\.0, APP_COMMIT=a{12}; api built once: sha-a{40} is already in the registry/,
      );
    });

    it('without a release, builds only what the commit affected and deploys the latest release of every service', async () => {
      for (const repository of ['slipway/api', 'slipway/status'])
        registry.publish(`sha256:${repository.length}`.padEnd(71, '0'), ['v1.0.0'], {
          'org.opencontainers.image.revision': OLD,
        });
      runner.on(/release-next/, { stdout: preview(null, 'v1.0.0', 1) });
      runner.on(/services\.cjs build/, servicesList(['status'], 'no release: the services affected between …'));
      served = { 3000: { version: 'v1.0.0', commit: OLD }, 3001: { version: 'v1.0.0', commit: OLD } };
      expect(await run()).toBe(EXIT.ok);
      expect(runner.ran(/docker:build/)).toEqual([
        `/usr/bin/node ${root}/node_modules/.bin/nx run-many -t docker:build -p status --output-style=static -- --tag slipway-rehearsal/$NX_TASK_TARGET_PROJECT:${HEAD.slice(0, 12)} --quiet`,
      ]);
      expect(runner.ran(/publish-image/)).toHaveLength(1);
      expect(runner.ran(/publish-image/)[0]).not.toContain('--version');
      expect(runner.ran(/slipway\.js deploy/).every((call) => call.includes('--version v1.0.0'))).toBe(true);
      expect(text()).toContain('status (no release: the services affected between …); no image for this commit: api');
    });

    it('refuses, before any build, to deploy the latest release to a service that has none', async () => {
      registry.publish(`sha256:${'1'.repeat(64)}`, ['v1.0.0'], { 'org.opencontainers.image.revision': OLD });
      runner.on(/release-next/, { stdout: preview(null, 'v1.0.0', 1) });
      const history = (_registry: string, repository: string) =>
        new ReleaseHistory(repository === 'slipway/status' ? new MemoryImageSource() : registry);
      expect(await rehearse(parseOptions([]), deps({ history }))).toBe(EXIT.notRehearsable);
      expect(text()).toContain('no release is due, and status has no v1.0.0 to deploy');
      expect(runner.ran(/docker:build|publish-image|slipway\.js/)).toEqual([]);
    });

    it('deploys each on its own: one rolled back does not stop the other, and the exit names it', async () => {
      runner.on(/slipway\.js deploy status/, { code: 3, stdout: deployReport('ROLLED_BACK', 3) });
      expect(await run()).toBe(EXIT.deployFailed);
      expect(runner.ran(/slipway\.js deploy/)).toHaveLength(2);
      expect(text()).toMatch(/✔ deploy api +[\d.]+ s {2}nothing → v1\.0\.0/);
      expect(text()).toContain('✖ the deploy of status ended ROLLED_BACK (deploy exit 3)');
      expect(state).toBeUndefined();
    });

    it('names every service whose deploy failed', async () => {
      runner.on(/slipway\.js deploy/, { code: 4, stdout: deployReport('FAILED', 4) });
      expect(await run()).toBe(EXIT.deployFailed);
      expect(text()).toContain('the deploy of api ended FAILED');
      expect(text()).toContain('the deploy of status ended FAILED');
    });

    it('rehearses only the services named with --app', async () => {
      runner.on(/services\.cjs build/, servicesList(['api', 'status']));
      expect(await run('--app', 'status')).toBe(EXIT.ok);
      expect(runner.ran(/slipway\.js deploy/)).toEqual([expect.stringContaining('deploy status --')]);
      expect(runner.ran(/docker:build/)).toEqual([expect.stringContaining('docker:build -p status ')]);
    });

    it('refuses two services on one port before starting anything', async () => {
      writeDeployConfig({ local: { ...STATUS_LOCAL, port: '3000' } }, 'status');
      expect(await run()).toBe(EXIT.notRehearsable);
      expect(text()).toContain('api and status both use port 3000');
      expect(runner.ran(/container-env/)).toEqual([]);
    });

    it('refuses a release that two services hold at different commits', async () => {
      registry.publish(`sha256:${'1'.repeat(64)}`, ['v1.0.0'], { 'org.opencontainers.image.revision': OLD });
      const other = new MemoryImageSource();
      other.publish(`sha256:${'2'.repeat(64)}`, ['v1.0.0'], { 'org.opencontainers.image.revision': 'c'.repeat(40) });
      const history = (_registry: string, repository: string) =>
        new ReleaseHistory(repository === 'slipway/status' ? other : registry);
      expect(await rehearse(parseOptions([]), deps({ history }))).toBe(EXIT.notRehearsable);
      expect(text()).toContain('v1.0.0 of api was built from bbbbbbbbbbbb but v1.0.0 of status from cccccccccccc');
    });
  });

  it('refuses a workspace without a service', async () => {
    rmSync(join(root, 'apps'), { recursive: true });
    expect(await run()).toBe(EXIT.notRehearsable);
    expect(text()).toContain('no service to rehearse: no apps/<name>/deploy.json in this workspace');
  });

  it('lets unexpected errors through (a bug must show its stack)', async () => {
    const broken: StateStore = { read: async () => undefined, write: async () => Promise.reject(new TypeError('bug')) };
    await expect(rehearse(parseOptions([]), deps({ state: broken }))).rejects.toThrow(TypeError);
  });
});

describe('movement', () => {
  it('names what the deploy did to the environment', () => {
    expect(movement(undefined, 'v1.0.0')).toBe('first deploy');
    expect(movement('v1.0.0', 'v1.1.0')).toBe('upgrade');
    expect(movement('v1.1.0', 'v1.0.0')).toBe('downgrade');
    expect(movement('v1.1.0', 'v1.1.0')).toBe('redeploy');
    expect(movement('latest', 'v1.1.0')).toBe('replaced');
  });
});
