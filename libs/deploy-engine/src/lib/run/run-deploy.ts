import { normalizeCommon, normalizeDeployOptions, type RawDeployOptions, requireVersion } from '../config/options';
import { invalidInput } from '../errors';
import { buildReport, type DeployReport } from '../report/report';
import { systemClock } from '../timing/clock';
import { createRunContext, type EngineDeps, overrideKeysOf } from './context';
import { decideInFlight } from './in-flight';
import { preflightFailure } from './preflight-failure';
import { prepareTarget } from './prepare';
import { findPreviousVersion } from './previous-version';
import { executeRelease } from './release';

/**
 * The engine's commands: `deploy`, `rollback` and `deploy-continue`. Each checks its input and
 * environment first; anything thrown before the release path is reported as such (nothing changed).
 */

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

/** `nx run <app>:deploy-continue -- --environment <name>`: answer the PAUSE hook a deployment waits at. */
export async function runContinue(raw: RawDeployOptions, deps: EngineDeps): Promise<DeployReport> {
  return guarded('deploy-continue', raw, deps, async () => {
    const context = createRunContext(deps);
    const request = normalizeCommon(raw, overrideKeysOf(deps.providers));
    const prepared = await prepareTarget(request, deps);
    const report = await decideInFlight({ command: 'deploy-continue', request, prepared, to: false }, context);
    if (!report) throw new Error('unreachable: continue always decides');
    return report;
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
    const version =
      typeof raw.version === 'string' ? raw.version : typeof raw['to'] === 'string' ? raw['to'] : undefined;
    const environment = typeof raw.environment === 'string' ? raw.environment : undefined;
    return buildReport(
      { command, app: deps.app, ...preflightFailure(error), version, environment },
      startedAt,
      clock.now(),
    );
  }
}
