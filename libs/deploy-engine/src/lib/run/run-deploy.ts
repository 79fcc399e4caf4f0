import { normalizeCommon, normalizeDeployOptions, type RawDeployOptions, requireVersion } from '../config/options';
import { DeployError, describeError, invalidInput, ProviderError } from '../errors';
import { buildReport, type DeployReport } from '../report/report';
import { systemClock } from '../timing/clock';
import { createRunContext, type EngineDeps, overrideKeysOf } from './context';
import { prepareTarget } from './prepare';
import { executeRelease } from './release';
import { decideInFlight } from './in-flight';
import { findPreviousVersion } from './previous-version';

/** `nx run <app>:deploy -- --version vX.Y.Z --environment <name>`. */
export async function runDeploy(raw: RawDeployOptions, deps: EngineDeps): Promise<DeployReport> {
  return guarded('deploy', raw, deps, async () => {
    const context = createRunContext(deps);
    const request = normalizeDeployOptions(raw, overrideKeysOf(deps.providers), deps.app);
    const prepared = await prepareTarget(request, deps);
    return executeRelease({ command: 'deploy', request, prepared }, context);
  });
}

/**
 * `nx run <app>:rollback [-- --to vX.Y.Z]`: the deploy path with the previously deployed version
 * (read from the revisions Slipway recorded) or the one named.
 */
export async function runRollback(raw: RawDeployOptions, deps: EngineDeps): Promise<DeployReport> {
  return guarded('rollback', raw, deps, async () => {
    const context = createRunContext(deps);
    if (raw['version'] !== undefined)
      throw invalidInput('rollback takes --to vX.Y.Z, not --version (or no flag for the previous version)');
    const common = normalizeCommon(raw, overrideKeysOf(deps.providers));
    const prepared = await prepareTarget(common, deps);
    const inFlight = await decideInFlight(
      { command: 'rollback', request: common, prepared, to: raw['to'] !== undefined },
      context,
    );
    if (inFlight) return inFlight;
    const version = raw['to'] !== undefined ? requireVersion(raw['to']) : await findPreviousVersion(prepared, context);
    return executeRelease({ command: 'rollback', request: { ...common, version }, prepared }, context);
  });
}

/** Anything thrown before the release path is input or pre-flight trouble: nothing changed. */
export async function guarded(
  command: DeployReport['command'],
  raw: RawDeployOptions,
  deps: EngineDeps,
  body: () => Promise<DeployReport>,
): Promise<DeployReport> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  try {
    return await body();
  } catch (error) {
    const known = error instanceof DeployError;
    const outcome = known ? error.outcome : 'PREFLIGHT_FAILED';
    const detail = error instanceof ProviderError ? `${error.operation}: ${error.message}` : describeError(error);
    const message = known ? error.message : `pre-flight failed: ${detail}. Nothing was changed.`;
    const version =
      typeof raw.version === 'string' ? raw.version : typeof raw['to'] === 'string' ? raw['to'] : undefined;
    const environment = typeof raw.environment === 'string' ? raw.environment : undefined;
    return buildReport({ command, app: deps.app, outcome, message, version, environment }, startedAt, clock.now());
  }
}
