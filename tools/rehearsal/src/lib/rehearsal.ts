import { relative } from 'node:path';
import { readDeployConfig } from '@slipway/deploy-engine';
import { parseExports } from '@slipway/testing';
import { compareReleaseVersions, isReleaseVersion, parseReleaseVersion } from '@slipway/versioning';
import {
  checksCommand,
  containerEnvCommand,
  deployCommand,
  followUpCommands,
  imageBuildCommand,
  publishCommand,
} from './commands';
import { EXIT, RehearsalError } from './exit-codes';
import { type LocalTarget, resolveTarget } from './local-target';
import type { RehearsalOptions } from './options';
import { type RunRequest, type Runner, tail } from './process-runner';
import type { ReleaseHistory } from './release-history';
import { previewRelease } from './release-preview';
import type { StateStore } from './state';
import { formatSummary, StepLog } from './step-log';
import { planVersion, type VersionPlan } from './version-plan';
import { readVersion } from './verify-version';

export interface RehearsalDeps {
  /** Workspace root (the repository being rehearsed). */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** The Node binary that runs the workspace's own CLIs. */
  readonly node: string;
  readonly run: Runner;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly say: (line: string) => void;
  readonly history: (registry: string, repository: string) => ReleaseHistory;
  readonly state: StateStore;
}

/** How long a local rollout may take: the api is healthy ~5 s after start, or unhealthy within ~30 s. */
export const DEPLOY_TIMEOUT = '3m';
const MINUTE = 60_000;

interface DeployReportJson {
  readonly outcome: string;
  readonly exitCode: number;
  readonly message: string;
  readonly previousRevision?: { readonly version?: string; readonly label: string };
  readonly newRevision?: { readonly version?: string };
}

/**
 * `npm run rehearse`: what ci.yml, build.yml and deploy.yml run, on this machine, one step after the
 * other, each timed: commit → container environment → checks → version → image → publish → deploy →
 * /version. Every step is an existing entry point; this only orders them and explains the outcome.
 * Returns the exit code (EXIT).
 */
export async function rehearse(options: RehearsalOptions, deps: RehearsalDeps): Promise<number> {
  return new Rehearsal(options, deps).run();
}

class Rehearsal {
  private readonly log: StepLog;
  private env: NodeJS.ProcessEnv;
  private head = '';
  private subject = '';
  private settings?: Readonly<Record<string, string>>;
  private target?: LocalTarget;
  private plan?: VersionPlan;
  private localImage?: string;
  private served?: { version: string; commit?: string };

  constructor(
    private readonly options: RehearsalOptions,
    private readonly deps: RehearsalDeps,
  ) {
    this.log = new StepLog(deps.now, deps.say);
    this.env = deps.env;
  }

  async run(): Promise<number> {
    let exitCode: number = EXIT.ok;
    let footer: string[];
    try {
      await this.log.step('commit', 'what is being rehearsed', () => this.readCommit());
      await this.log.step('environment', 'Docker engine and registry (tools/ci/container-env.sh start)', () =>
        this.startEnvironment(),
      );
      if (this.options.skipChecks)
        this.log.skip('checks', '--skip-checks: lint, test, build and typecheck were not run');
      else await this.log.step('checks', 'ci.yml: nx affected -t lint test build typecheck', () => this.runChecks());
      await this.log.step('version', 'the next version (semantic-release, dry run)', () => this.chooseVersion());
      await this.log.step('image', `build.yml: the ${this.options.app} image, built once per commit`, () =>
        this.buildImage(),
      );
      await this.log.step('publish', 'build.yml: sha-<commit> (and vX.Y.Z) in the local registry', () =>
        this.publish(),
      );
      await this.log.step('deploy', `deploy.yml: ${this.plan?.deployVersion} to ${this.options.environment}`, () =>
        this.deploy(),
      );
      await this.log.step('verify', 'GET /version answers the deployed version', () => this.verify());
      await this.deps.state.write({
        head: this.head,
        version: this.served?.version ?? '',
        at: new Date(this.deps.now()).toISOString(),
      });
      footer = this.successFooter();
    } catch (error) {
      if (!(error instanceof RehearsalError)) throw error;
      exitCode = error.exitCode;
      footer = ['', `✖ ${error.message}`, `exit ${exitCode}`];
    }
    const title = this.head ? `Rehearsal of ${this.head.slice(0, 12)} "${this.subject}"` : 'Rehearsal';
    for (const line of formatSummary(title, this.log.steps, this.log.totalSeconds, footer)) this.deps.say(line);
    return exitCode;
  }

  private async readCommit(): Promise<string> {
    const git = async (...args: string[]) => (await this.exec({ command: 'git', args, echo: 'none' })).stdout.trim();
    const head = await git('rev-parse', '--verify', 'HEAD^{commit}');
    if (!/^[0-9a-f]{40}$/.test(head))
      throw new RehearsalError(EXIT.notRehearsable, `${this.deps.root} is not a git repository with a commit`);
    this.head = head;
    this.subject = await git('log', '-1', '--format=%s');
    const changes = (await git('status', '--porcelain')).split('\n').filter(Boolean);
    if (changes.length > 0) {
      const shown = changes
        .slice(0, 5)
        .map((c) => c.trim())
        .join(', ');
      throw new RehearsalError(
        EXIT.notRehearsable,
        `uncommitted changes (${shown}${changes.length > 5 ? `, … ${changes.length} in all` : ''}): commit or stash them first. ` +
          'The rehearsal releases commits, as build.yml does: an image built from other files would carry a sha- tag that lies.',
      );
    }
    const configPath = `apps/${this.options.app}/deploy.json`;
    try {
      this.settings = (await readDeployConfig(configPath, this.deps.root)).environments[this.options.environment];
    } catch (error) {
      throw new RehearsalError(EXIT.notRehearsable, (error as Error).message);
    }
    resolveTarget(this.settings, this.options, undefined, configPath);
    return `${this.head.slice(0, 12)} ${this.subject}`;
  }

  private async startEnvironment(): Promise<string> {
    const { command, args } = containerEnvCommand(this.deps.root);
    const result = await this.exec({ command, args, echo: 'stderr', timeoutMs: 15 * MINUTE });
    if (result.code !== 0) {
      throw new RehearsalError(
        EXIT.noDocker,
        `no Docker engine: tools/ci/container-env.sh start failed (exit ${result.code}). The rehearsal needs a Docker engine and an OCI registry on 127.0.0.1:\n` +
          '  - as root on Debian/Ubuntu: sudo tools/ci/container-env.sh start (installs docker.io and docker-registry with apt, starts both privately), then npm run rehearse\n' +
          '  - with an engine already running (Docker Desktop, colima, systemctl start docker): SLIPWAY_DOCKER_HOST=unix:///var/run/docker.sock npm run rehearse (docker-registry must be installed)\n' +
          `what container-env.sh said:\n${tail(result.stderr, 8)}`,
      );
    }
    const exported = parseExports(result.stdout);
    this.env = { ...this.env, ...exported };
    this.target = resolveTarget(
      this.settings,
      this.options,
      exported['SLIPWAY_TEST_REGISTRY'],
      `apps/${this.options.app}/deploy.json`,
    );
    return `engine ${exported['DOCKER_HOST'] ?? '(default)'}, registry ${this.target.registry}, base image ${exported['SLIPWAY_BASE_IMAGE'] ?? '(Dockerfile default)'}`;
  }

  private async runChecks(): Promise<string> {
    const { base, why } = await this.affectedBase();
    const { command, args } = checksCommand(base, this.head);
    this.deps.say(`$ ${command} ${args.join(' ')}`);
    const result = await this.exec({ command, args, echo: 'all', timeoutMs: 90 * MINUTE });
    if (result.code !== 0)
      throw new RehearsalError(
        EXIT.checksFailed,
        `lint, test, build or typecheck failed (${command} ${args.join(' ')} exited ${result.code}); the output above says which`,
      );
    const ran = /Successfully ran targets? .*? for (\d+ projects?)/.exec(result.stdout)?.[1];
    const none = /No tasks were run/.test(result.stdout);
    return `${base ? `affected since ${base.slice(0, 12)} (${why})` : `every project (${why})`}: ${none ? 'nothing affected' : (ran ?? 'passed')}`;
  }

  /** The last successful rehearsal is what "already passed"; as nx-set-shas uses the last green run on main. */
  private async affectedBase(): Promise<{ base?: string; why: string }> {
    if (this.options.base) return { base: this.options.base, why: '--base' };
    const last = await this.deps.state.read();
    if (!last) return { why: 'no earlier rehearsal' };
    const ancestor = await this.exec({
      command: 'git',
      args: ['merge-base', '--is-ancestor', last.head, this.head],
      echo: 'none',
    });
    if (ancestor.code !== 0) return { why: `the last rehearsal's ${last.head.slice(0, 12)} is not in this history` };
    return { base: last.head, why: `last rehearsal, ${last.version}` };
  }

  private async chooseVersion(): Promise<string> {
    const target = this.mustTarget();
    const rehearsed = await this.registry('read the releases in', () =>
      this.deps.history(target.registry, target.repository).releases(),
    );
    const { preview, tagged } = await previewRelease({
      root: this.deps.root,
      node: this.deps.node,
      env: this.env,
      run: this.deps.run,
      rehearsed,
    });
    if (tagged.length > 0)
      this.deps.say(
        `release history includes the rehearsed release(s) ${tagged.join(', ')} from ${target.registry}/${target.repository}`,
      );
    this.plan = planVersion(preview, this.head, rehearsed);
    return this.plan.note;
  }

  private async buildImage(): Promise<string> {
    const target = this.mustTarget();
    const plan = this.mustPlan();
    const existing = await this.registry('look up this commit in', () =>
      this.deps.history(target.registry, target.repository).commitImage(this.head),
    );
    if (existing) {
      if (existing.revision !== this.head) {
        throw new RehearsalError(
          EXIT.imageFailed,
          `${existing.tag} in ${target.registry}/${target.repository} was built from ${existing.revision ?? 'an unlabelled commit'}, not ${this.head}; commit tags never move: use another --repository`,
        );
      }
      return `built once: ${existing.tag} is already in the registry (${existing.digest.slice(0, 19)}…); not rebuilt, promoted by tag`;
    }
    this.localImage = `slipway-rehearsal/${this.options.app}:${this.head.slice(0, 12)}`;
    const { command, args } = imageBuildCommand(this.options.app, this.localImage);
    const env = {
      ...this.env,
      BASE_IMAGE: this.env['BASE_IMAGE'] ?? this.env['SLIPWAY_BASE_IMAGE'],
      APP_VERSION: plan.imageVersion,
      APP_COMMIT: this.head,
    };
    this.deps.say(`$ APP_VERSION=${plan.imageVersion} APP_COMMIT=${this.head} ${command} ${args.join(' ')}`);
    const result = await this.exec({ command, args, env, echo: 'all', timeoutMs: 30 * MINUTE });
    if (result.code !== 0)
      throw new RehearsalError(
        EXIT.imageFailed,
        `the image build failed (exit ${result.code}); the output above says why`,
      );
    return `${this.localImage} with APP_VERSION=${plan.imageVersion}, APP_COMMIT=${this.head.slice(0, 12)}`;
  }

  private async publish(): Promise<string> {
    const target = this.mustTarget();
    const plan = this.mustPlan();
    const { command, args } = publishCommand(
      this.deps.root,
      this.deps.node,
      target,
      this.head,
      plan.publishVersion,
      this.localImage,
    );
    const result = await this.exec({ command, args, echo: 'stderr', timeoutMs: 15 * MINUTE });
    const report = parseJson<{
      image?: string;
      digest?: string;
      tags?: string[];
      outcomes?: Record<string, string>;
      error?: { message?: string };
    }>(result.stdout);
    if (result.code !== 0 || !report?.digest) {
      throw new RehearsalError(
        EXIT.imageFailed,
        `publish-image failed (exit ${result.code}): ${report?.error?.message ?? tail(result.stderr || result.stdout, 4)}`,
      );
    }
    const tags = (report.tags ?? []).map((tag) => `${tag} (${report.outcomes?.[tag] ?? 'ok'})`).join(', ');
    return `${report.image}: ${tags} → ${report.digest.slice(0, 19)}…`;
  }

  private async deploy(): Promise<string> {
    const target = this.mustTarget();
    const plan = this.mustPlan();
    const { command, args } = deployCommand(
      this.deps.root,
      this.deps.node,
      this.options.app,
      plan.deployVersion,
      target.environment,
      target.overrides,
      DEPLOY_TIMEOUT,
    );
    this.deps.say(`$ node ${relative(this.deps.root, args[0])} ${args.slice(1).join(' ')}`);
    const result = await this.exec({ command, args, echo: 'stderr', timeoutMs: 10 * MINUTE });
    const report = parseJson<DeployReportJson>(result.stdout);
    if (!report)
      throw new RehearsalError(
        EXIT.deployFailed,
        `the deploy printed no report (exit ${result.code}):\n${tail(result.stderr || result.stdout, 8)}`,
      );
    if (report.exitCode !== 0) {
      const back = report.outcome === 'ROLLED_BACK' ? ' The local environment runs the previous version again.' : '';
      throw new RehearsalError(
        EXIT.deployFailed,
        `the deploy ended ${report.outcome} (deploy exit ${report.exitCode}): ${report.message}.${back} See docs/runbooks/read-a-failed-deploy.md`,
      );
    }
    if (report.outcome === 'ALREADY_DEPLOYED')
      return `${plan.deployVersion} already runs in ${target.container}; nothing changed`;
    const before = report.previousRevision?.version;
    return `${before ?? 'nothing'} → ${plan.deployVersion} (${movement(before, plan.deployVersion)}) in container ${target.container}`;
  }

  private async verify(): Promise<string> {
    const target = this.mustTarget();
    const plan = this.mustPlan();
    const url = `http://127.0.0.1:${target.port}/version`;
    const answer = await readVersion(this.deps.fetch, url, 10_000);
    if ('error' in answer)
      throw new RehearsalError(
        EXIT.verifyFailed,
        `${url} did not answer (${answer.error}) although the container is healthy: is "port" right in the deploy config?`,
      );
    if (answer.version !== plan.deployVersion) {
      throw new RehearsalError(
        EXIT.verifyFailed,
        `${url} answers ${JSON.stringify(answer.version)}, not ${plan.deployVersion}: something else serves port ${target.port}? (docker ps; ss -ltnp)`,
      );
    }
    this.served = answer;
    return `${url} → ${answer.version}${answer.commit ? ` (commit ${answer.commit.slice(0, 12)})` : ''}`;
  }

  private successFooter(): string[] {
    const target = this.mustTarget();
    const plan = this.mustPlan();
    const [rollback, status] = followUpCommands(this.options.app, target.environment, target.overrides);
    const why =
      plan.kind === 'no-release'
        ? ' (the latest release: none was due for this commit)'
        : plan.kind === 'release'
          ? ' (the release this commit makes)'
          : ' (released at this commit)';
    // The engine the rehearsal started is not the one a fresh shell talks to: say how to reach it.
    const engine =
      this.env['DOCKER_HOST'] && this.env['DOCKER_HOST'] !== this.deps.env['DOCKER_HOST']
        ? ['  eval "$(tools/ci/container-env.sh env)"    # once per shell: DOCKER_HOST of the rehearsal\'s engine']
        : [];
    return [
      '',
      `${target.environment} runs ${plan.deployVersion} on http://127.0.0.1:${target.port}${why}. Next:`,
      `  curl http://127.0.0.1:${target.port}/version`,
      ...engine,
      `  ${rollback}    # back to the version deployed before`,
      `  ${status}`,
    ];
  }

  private async registry<T>(what: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw new RehearsalError(EXIT.versionFailed, `cannot ${what} the local registry: ${(error as Error).message}`);
    }
  }

  private exec(request: Omit<RunRequest, 'cwd' | 'env'> & { env?: NodeJS.ProcessEnv }) {
    return this.deps.run({ cwd: this.deps.root, env: this.env, ...request });
  }

  private mustTarget(): LocalTarget {
    if (!this.target) throw new Error('internal: the target is resolved by the environment step');
    return this.target;
  }

  private mustPlan(): VersionPlan {
    if (!this.plan) throw new Error('internal: the version is chosen by the version step');
    return this.plan;
  }
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** How the deploy moved the environment, for the summary. Pure. */
export function movement(before: string | undefined, after: string): string {
  if (!before) return 'first deploy';
  if (!isReleaseVersion(before) || !isReleaseVersion(after)) return 'replaced';
  // compareReleaseVersions sorts newest first: positive when `after` is the newer one.
  const order = compareReleaseVersions(parseReleaseVersion(before), parseReleaseVersion(after));
  return order > 0 ? 'upgrade' : order < 0 ? 'downgrade' : 'redeploy';
}
