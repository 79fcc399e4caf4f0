import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDeployConfig } from '@slipway/deploy-engine';
import { parseExports } from '@slipway/testing';
import { compareReleaseVersions, isReleaseVersion, parseReleaseVersion } from '@slipway/versioning';
import {
  checksCommand,
  containerEnvCommand,
  deployCommand,
  followUpCommands,
  imageBuildCommand,
  localImageTag,
  publishCommand,
  servicesBuildCommand,
} from './commands';
import { EXIT, RehearsalError } from './exit-codes';
import { checkPorts, deployConfigPath, type LocalTarget, resolveTarget } from './local-target';
import type { RehearsalOptions } from './options';
import { type RunRequest, type Runner, tail } from './process-runner';
import { mergeReleases, type ReleaseHistory } from './release-history';
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

/** How long a local rollout may take: a service is healthy ~5 s after start, or unhealthy within ~30 s. */
export const DEPLOY_TIMEOUT = '3m';
const MINUTE = 60_000;

interface DeployReportJson {
  readonly outcome: string;
  readonly exitCode: number;
  readonly message: string;
  readonly previousRevision?: { readonly version?: string; readonly label: string };
  readonly newRevision?: { readonly version?: string };
}

/** One service through the rehearsal. */
interface Service {
  readonly app: string;
  settings?: Readonly<Record<string, string>>;
  target?: LocalTarget;
  /** The releases its repository in the local registry holds: tag → commit. */
  releases?: ReadonlyMap<string, string>;
  /** The image built here for this commit (absent when it was built before, or not due). */
  localImage?: string;
}

/**
 * `npm run rehearse`: what ci.yml, build.yml and deploy.yml run, on this machine, for every service,
 * one step after the other, each timed: commit → container environment → checks → version → the
 * services to build → their images (one nx run-many) → each publish → every deploy at once → each
 * /version. Every step is an existing entry point; this only orders them and explains the outcome.
 * Returns the exit code.
 */
export async function rehearse(options: RehearsalOptions, deps: RehearsalDeps): Promise<number> {
  return new Rehearsal(options, deps).run();
}

class Rehearsal {
  private readonly log: StepLog;
  private env: NodeJS.ProcessEnv;
  private head = '';
  private subject = '';
  private services: Service[] = [];
  private base?: { base?: string; why: string };
  private releases = new Map<string, string>();
  private plan?: VersionPlan;
  /** The services build.yml would build for this commit. */
  private imaged: Service[] = [];

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
      await this.log.step('services', 'build.yml: the services to build (npm run services:build)', () =>
        this.planImages(),
      );
      if (this.imaged.length > 0)
        await this.log.step('images', 'build.yml: each image, built once per commit (one nx run-many)', () =>
          this.buildImages(),
        );
      for (const service of this.imaged)
        await this.log.step(
          `publish ${service.app}`,
          'build.yml: sha-<commit> (and vX.Y.Z) in the local registry',
          () => this.publish(service),
        );
      await this.each(
        this.services.map((service) => ({
          name: `deploy ${service.app}`,
          title: `deploy.yml: ${this.mustPlan().deployVersion} to ${this.options.environment}`,
          body: () => this.deploy(service),
        })),
      );
      await this.each(
        this.services.map((service) => ({
          name: `verify ${service.app}`,
          title: 'GET /version answers the deployed version and its commit',
          body: () => this.verify(service),
        })),
      );
      await this.deps.state.write({
        head: this.head,
        version: this.mustPlan().deployVersion,
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

  /** Steps of every service at once; several failures become one error naming each. */
  private async each(steps: Parameters<StepLog['parallel']>[0]): Promise<void> {
    try {
      await this.log.parallel(steps);
    } catch (error) {
      const failures = error instanceof AggregateError ? (error.errors as Error[]) : [error as Error];
      if (!failures.every((failure) => failure instanceof RehearsalError))
        throw failures.find((f) => !(f instanceof RehearsalError));
      throw new RehearsalError((failures[0] as RehearsalError).exitCode, failures.map((f) => f.message).join('\n✖ '));
    }
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
    this.services = this.rehearsedApps().map((app) => ({ app }));
    for (const service of this.services) {
      try {
        service.settings = (await readDeployConfig(deployConfigPath(service.app), this.deps.root)).environments[
          this.options.environment
        ];
      } catch (error) {
        throw new RehearsalError(EXIT.notRehearsable, (error as Error).message);
      }
    }
    checkPorts(this.services.map((service) => resolveTarget(service.app, service.settings, this.options, undefined)));
    return `${this.head.slice(0, 12)} ${this.subject}; ${this.services.map((service) => service.app).join(', ')}`;
  }

  /** The --app services, or every app with a deploy config (what the Slipway plugin makes deployable). */
  private rehearsedApps(): string[] {
    if (this.options.apps.length > 0) return [...this.options.apps];
    const apps = join(this.deps.root, 'apps');
    const found = existsSync(apps)
      ? readdirSync(apps)
          .filter((app) => existsSync(join(this.deps.root, deployConfigPath(app))))
          .sort()
      : [];
    if (found.length === 0)
      throw new RehearsalError(
        EXIT.notRehearsable,
        'no service to rehearse: no apps/<name>/deploy.json in this workspace',
      );
    return found;
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
    for (const service of this.services)
      service.target = resolveTarget(service.app, service.settings, this.options, exported['SLIPWAY_TEST_REGISTRY']);
    const registries = [...new Set(this.services.map((service) => this.mustTarget(service).registry))].join(', ');
    return `engine ${exported['DOCKER_HOST'] ?? '(default)'}, registry ${registries}, base image ${exported['SLIPWAY_BASE_IMAGE'] ?? '(Dockerfile default)'}`;
  }

  private async runChecks(): Promise<string> {
    const { base, why } = await this.affectedBase();
    const { command, args } = checksCommand(this.deps.root, this.deps.node, base, this.head);
    this.deps.say(this.shown(args));
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
    this.base ??= await this.findAffectedBase();
    return this.base;
  }

  private async findAffectedBase(): Promise<{ base?: string; why: string }> {
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
    const byService = new Map<string, ReadonlyMap<string, string>>();
    for (const service of this.services) {
      const target = this.mustTarget(service);
      service.releases = await this.registry('read the releases in', () =>
        this.deps.history(target.registry, target.repository).releases(),
      );
      byService.set(service.app, service.releases);
    }
    const merged = mergeReleases(byService);
    if (merged.conflict)
      throw new RehearsalError(
        EXIT.notRehearsable,
        `${merged.conflict} (release tags never move). Rehearse into other repositories, or start over with an empty local registry.`,
      );
    this.releases = merged.releases;
    const { preview, tagged } = await previewRelease({
      root: this.deps.root,
      node: this.deps.node,
      env: this.env,
      run: this.deps.run,
      rehearsed: this.releases,
    });
    if (tagged.length > 0)
      this.deps.say(`release history includes the rehearsed release(s) ${tagged.join(', ')} from the local registry`);
    this.plan = planVersion(preview, this.head, this.releases);
    if (this.plan.kind === 'no-release') {
      const missing = this.services.filter((service) => !service.releases?.has(this.mustPlan().deployVersion));
      if (missing.length > 0)
        throw new RehearsalError(
          EXIT.notRehearsable,
          `no release is due, and ${missing.map((s) => s.app).join(', ')} ${missing.length > 1 ? 'have' : 'has'} no ${this.plan.deployVersion} to deploy (a service added since that release?). Commit it as a feat: or fix: change so that the next release includes it.`,
        );
    }
    return this.plan.note;
  }

  /** build.yml's rule through its own command: every service after a release, else the affected ones. */
  private async planImages(): Promise<string> {
    const released = this.mustPlan().publishVersion !== undefined;
    const { base } = await this.affectedBase();
    const { command, args } = servicesBuildCommand(
      this.deps.root,
      this.deps.node,
      released,
      base ? { base, head: this.head } : undefined,
    );
    const result = await this.exec({ command, args, echo: 'none', timeoutMs: 10 * MINUTE });
    let listed: string[];
    try {
      listed = JSON.parse(result.stdout) as string[];
    } catch {
      throw new RehearsalError(
        EXIT.imageFailed,
        `services:build failed (exit ${result.code}): ${tail(result.stderr || result.stdout, 4)}`,
      );
    }
    this.imaged = this.services.filter((service) => listed.includes(service.app));
    const why = /\((.*)\)\s*$/.exec(result.stderr.trim())?.[1] ?? '';
    const left = this.services.filter((service) => !listed.includes(service.app)).map((service) => service.app);
    return `${this.imaged.map((service) => service.app).join(', ') || 'none'}${why ? ` (${why})` : ''}${left.length > 0 ? `; no image for this commit: ${left.join(', ')}` : ''}`;
  }

  /** The images this commit has not got yet, in one `nx run-many`; those already in the registry are promoted. */
  private async buildImages(): Promise<string> {
    const plan = this.mustPlan();
    const promoted: string[] = [];
    for (const service of this.imaged) {
      const target = this.mustTarget(service);
      const existing = await this.registry('look up this commit in', () =>
        this.deps.history(target.registry, target.repository).commitImage(this.head),
      );
      if (!existing) {
        service.localImage = localImageTag(service.app, this.head);
        continue;
      }
      if (existing.revision !== this.head) {
        throw new RehearsalError(
          EXIT.imageFailed,
          `${existing.tag} in ${target.registry}/${target.repository} was built from ${existing.revision ?? 'an unlabelled commit'}, not ${this.head}; commit tags never move: use another repository`,
        );
      }
      promoted.push(
        `${service.app} built once: ${existing.tag} is already in the registry (${existing.digest.slice(0, 19)}…); not rebuilt, promoted by tag`,
      );
    }
    const built = this.imaged.filter((service) => service.localImage);
    if (built.length === 0) return promoted.join('; ');
    const { command, args } = imageBuildCommand(
      this.deps.root,
      this.deps.node,
      built.map((service) => service.app),
      this.head,
    );
    const env = {
      ...this.env,
      BASE_IMAGE: this.env['BASE_IMAGE'] ?? this.env['SLIPWAY_BASE_IMAGE'],
      APP_VERSION: plan.imageVersion,
      APP_COMMIT: this.head,
    };
    this.deps.say(this.shown(args, `APP_VERSION=${plan.imageVersion} APP_COMMIT=${this.head} `));
    const result = await this.exec({ command, args, env, echo: 'all', timeoutMs: 30 * MINUTE });
    if (result.code !== 0)
      throw new RehearsalError(
        EXIT.imageFailed,
        `the image build of ${built.map((service) => service.app).join(', ')} failed (exit ${result.code}); the output above says which and why`,
      );
    const images = built.map((service) => service.localImage).join(', ');
    return [`${images} with APP_VERSION=${plan.imageVersion}, APP_COMMIT=${this.head.slice(0, 12)}`, ...promoted].join(
      '; ',
    );
  }

  private async publish(service: Service): Promise<string> {
    const target = this.mustTarget(service);
    const { command, args } = publishCommand(
      this.deps.root,
      this.deps.node,
      target,
      this.head,
      this.mustPlan().publishVersion,
      service.localImage,
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
        `publish-image of ${service.app} failed (exit ${result.code}): ${report?.error?.message ?? tail(result.stderr || result.stdout, 4)}`,
      );
    }
    const tags = (report.tags ?? []).map((tag) => `${tag} (${report.outcomes?.[tag] ?? 'ok'})`).join(', ');
    return `${report.image}: ${tags} → ${report.digest.slice(0, 19)}…`;
  }

  private async deploy(service: Service): Promise<string> {
    const target = this.mustTarget(service);
    const version = this.mustPlan().deployVersion;
    const { command, args } = deployCommand(
      this.deps.root,
      this.deps.node,
      service.app,
      version,
      target.environment,
      target.overrides,
      DEPLOY_TIMEOUT,
    );
    this.deps.say(this.shown(args));
    // Every service deploys at once: their progress would interleave, so each speaks through its report.
    const result = await this.exec({ command, args, echo: 'none', timeoutMs: 10 * MINUTE });
    const report = parseJson<DeployReportJson>(result.stdout);
    if (!report)
      throw new RehearsalError(
        EXIT.deployFailed,
        `the deploy of ${service.app} printed no report (exit ${result.code}):\n${tail(result.stderr || result.stdout, 8)}`,
      );
    if (report.exitCode !== 0) {
      const back = report.outcome === 'ROLLED_BACK' ? ' The local environment runs its previous version again.' : '';
      throw new RehearsalError(
        EXIT.deployFailed,
        `the deploy of ${service.app} ended ${report.outcome} (deploy exit ${report.exitCode}): ${report.message}.${back} See docs/runbooks/read-a-failed-deploy.md`,
      );
    }
    if (report.outcome === 'ALREADY_DEPLOYED') return `${version} already runs in ${target.container}; nothing changed`;
    const before = report.previousRevision?.version;
    return `${before ?? 'nothing'} → ${version} (${movement(before, version)}) in container ${target.container}`;
  }

  private async verify(service: Service): Promise<string> {
    const target = this.mustTarget(service);
    const version = this.mustPlan().deployVersion;
    // The commit the release was cut at: this one for a release made here, else the latest release's.
    const commit = this.mustPlan().kind === 'no-release' ? this.releases.get(version) : this.head;
    const url = `http://127.0.0.1:${target.port}/version`;
    const answer = await readVersion(this.deps.fetch, url, 10_000);
    if ('error' in answer)
      throw new RehearsalError(
        EXIT.verifyFailed,
        `${url} did not answer (${answer.error}) although the ${service.app} container is healthy: is "port" right in its deploy config?`,
      );
    if (answer.version !== version || (answer.commit && commit && answer.commit !== commit)) {
      const expected = `${version}${commit ? ` at ${commit.slice(0, 12)}` : ''}`;
      throw new RehearsalError(
        EXIT.verifyFailed,
        `${url} answers ${JSON.stringify(answer.version)}${answer.commit ? ` at ${answer.commit.slice(0, 12)}` : ''}, not ${expected}: something else serves port ${target.port}? (docker ps; ss -ltnp)`,
      );
    }
    return `${url} → ${answer.version}${answer.commit ? ` (commit ${answer.commit.slice(0, 12)})` : ''}`;
  }

  private successFooter(): string[] {
    const plan = this.mustPlan();
    const why =
      plan.kind === 'no-release'
        ? 'the latest release: none was due for this commit'
        : plan.kind === 'release'
          ? 'the release this commit makes'
          : 'released at this commit';
    const targets = this.services.map((service) => this.mustTarget(service));
    const width = Math.max(...targets.map((target) => target.app.length));
    const one = targets.length === 1 ? targets[0] : undefined;
    const { rollback, status } = followUpCommands(
      one?.app ?? '<service>',
      this.options.environment,
      one?.overrides ?? [],
    );
    // The engine the rehearsal started is not the one a fresh shell talks to: say how to reach it.
    const engine =
      this.env['DOCKER_HOST'] && this.env['DOCKER_HOST'] !== this.deps.env['DOCKER_HOST']
        ? ['  eval "$(tools/ci/container-env.sh env)"    # once per shell: DOCKER_HOST of the rehearsal\'s engine']
        : [];
    return [
      '',
      `${this.options.environment} runs ${plan.deployVersion} of every service (${why}):`,
      ...targets.map((target) => `  ${target.app.padEnd(width)}  curl http://127.0.0.1:${target.port}/version`),
      'Next:',
      ...engine,
      `  ${rollback}    # ${one ? 'back' : 'one service back'} to the version deployed before`,
      `  ${status}    # what ${one ? 'it' : 'every service'} runs, where`,
    ];
  }

  private async registry<T>(what: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw new RehearsalError(EXIT.versionFailed, `cannot ${what} the local registry: ${(error as Error).message}`);
    }
  }

  /** A `node <script> …` command as a person would type it in the workspace. */
  private shown(args: readonly string[], env = ''): string {
    return `$ ${env}node ${relative(this.deps.root, args[0])} ${args.slice(1).join(' ')}`;
  }

  private exec(request: Omit<RunRequest, 'cwd' | 'env'> & { env?: NodeJS.ProcessEnv }) {
    return this.deps.run({ cwd: this.deps.root, env: this.env, ...request });
  }

  private mustTarget(service: Service): LocalTarget {
    if (!service.target) throw new Error('internal: the targets are resolved by the environment step');
    return service.target;
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
