import { readDeployConfig, resolveEnvironment } from '../config/deploy-config';
import { readOverrides, type RawDeployOptions } from '../config/options';
import { DeployError, describeError, invalidInput, ProviderError } from '../errors';
import { exitCodeOf, type Outcome } from '../outcome';
import { retryThrottled } from '../timing/retry';
import { createRunContext, type EngineDeps, overrideKeysOf } from './context';

export interface EnvironmentStatusRow {
  readonly environment: string;
  readonly provider?: string;
  readonly target?: string;
  readonly version?: string;
  readonly commit?: string;
  readonly digest?: string;
  readonly image?: string;
  readonly revision?: string;
  readonly revisionId?: string;
  readonly rolloutState?: string;
  readonly running?: number;
  readonly desired?: number;
  /** More than one rollout: something is moving. */
  readonly rollouts?: number;
  readonly since?: string;
  readonly error?: string;
}

export interface StatusReport {
  readonly command: 'deploy-status';
  readonly outcome: Outcome;
  readonly exitCode: number;
  readonly message: string;
  readonly app: string;
  readonly environments: readonly EnvironmentStatusRow[];
}

/** `nx run <app>:deploy-status [-- --environment <name>]`: read-only, every environment by default. */
export async function runStatus(raw: RawDeployOptions, deps: EngineDeps): Promise<StatusReport> {
  const finish = (outcome: Outcome, message: string, environments: EnvironmentStatusRow[] = []): StatusReport => ({
    command: 'deploy-status',
    outcome,
    exitCode: exitCodeOf(outcome),
    message,
    app: deps.app,
    environments,
  });
  let names: string[];
  let read: (name: string) => Promise<EnvironmentStatusRow>;
  try {
    const context = createRunContext(deps);
    if (typeof raw.config !== 'string' || raw.config === '')
      throw invalidInput('no deploy config: set the "config" option of the target');
    const config = await readDeployConfig(raw.config, deps.workspaceRoot);
    const overrides = readOverrides(raw, overrideKeysOf(deps.providers));
    const only = raw.environment;
    if (only !== undefined && (typeof only !== 'string' || !(only in config.environments))) {
      throw invalidInput(
        `unknown environment ${JSON.stringify(only)}: ` +
          `${config.path} defines ${Object.keys(config.environments).join(', ')}`,
      );
    }
    if (only === undefined && Object.values(overrides).some((v) => v !== undefined)) {
      throw invalidInput(
        'setting overrides (--cluster, --service, …) need --environment: they would apply to every environment',
      );
    }
    names = only === undefined ? Object.keys(config.environments) : [only];
    // Validate every environment before the first remote call.
    const resolved = names.map((name) => resolveEnvironment(config, name, overrides, deps.providers));
    read = async (name) => {
      const environment = resolved[names.indexOf(name)];
      let row: EnvironmentStatusRow = { environment: name, provider: environment.provider.name };
      // Creating a provider can fail too (no credentials, an unreadable kubeconfig): that is this
      // environment's error row, and the other environments are still read.
      try {
        const provider = environment.provider.create(environment.settings, { environment: name, env: deps.env });
        row = { ...row, target: provider.description };
        const status = await retryThrottled('read status', () => provider.status(), context);
        const rollout = status.rollout;
        return {
          ...row,
          version: status.current.version,
          commit: status.current.commit,
          digest: status.digest,
          image: status.current.image,
          revision: status.current.label,
          revisionId: status.current.id,
          rolloutState: rollout?.state,
          running: rollout?.running,
          desired: rollout?.desired,
          rollouts: status.rollouts.length,
          since: status.since?.toISOString(),
        };
      } catch (error) {
        const detail = error instanceof ProviderError ? `${error.operation}: ${error.message}` : describeError(error);
        return { ...row, error: detail };
      }
    };
  } catch (error) {
    const outcome = error instanceof DeployError ? error.outcome : 'INVALID_INPUT';
    return finish(outcome, describeError(error));
  }
  const rows: EnvironmentStatusRow[] = [];
  for (const name of names) rows.push(await read(name));
  const failed = rows.filter((r) => r.error);
  return failed.length > 0
    ? finish('PREFLIGHT_FAILED', `could not read ${failed.map((r) => r.environment).join(', ')}`, rows)
    : finish('REPORTED', `read ${rows.length} environment(s)`, rows);
}
