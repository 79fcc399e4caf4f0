import { parseReleaseVersion } from '@slipway/versioning';
import { invalidInput } from '../errors';
import { parseDuration } from './duration';

/** Options as an executor receives them (Nx has coerced types where the schema says so). */
export interface RawDeployOptions {
  readonly config?: unknown;
  readonly version?: unknown;
  readonly environment?: unknown;
  readonly dryRun?: unknown;
  readonly timeout?: unknown;
  readonly rollback?: unknown;
  readonly force?: unknown;
  readonly json?: unknown;
  /** Provider setting overrides (`region`, `cluster`, …) and anything else, checked later. */
  readonly [key: string]: unknown;
}

export interface DeployRequest {
  readonly configPath: string;
  readonly version: string;
  readonly environment?: string;
  readonly dryRun: boolean;
  readonly timeoutMs: number;
  readonly rollback: boolean;
  readonly force: boolean;
  readonly json: boolean;
  readonly overrides: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export function safeForm(app = '<app>'): string {
  return `nx run ${app}:deploy -- --version vX.Y.Z --environment <name>`;
}

/**
 * `overrideKeys`: provider setting names (`region`, `cluster`, …) that flags of the same name
 * override; which ones apply is checked once the environment's provider is known.
 */
export function normalizeDeployOptions(
  raw: RawDeployOptions,
  overrideKeys: readonly string[],
  app?: string,
): DeployRequest {
  const version = requireVersion(raw.version, app);
  return { ...normalizeCommon(raw, overrideKeys), version };
}

/** Everything but the version: shared by deploy and rollback. */
export function normalizeCommon(
  raw: RawDeployOptions,
  overrideKeys: readonly string[],
): Omit<DeployRequest, 'version'> {
  if (typeof raw.config !== 'string' || raw.config === '') {
    throw invalidInput('no deploy config: set the "config" option of the target (e.g. apps/api/deploy.json)');
  }
  const environment = optionalString(raw.environment, 'environment');
  return {
    configPath: raw.config,
    environment,
    dryRun: bool(raw.dryRun, 'dry-run', false),
    timeoutMs: raw.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(raw.timeout, 'timeout'),
    rollback: bool(raw.rollback, 'rollback', true),
    force: bool(raw.force, 'force', false),
    json: bool(raw.json, 'json', false),
    overrides: readOverrides(raw, overrideKeys),
  };
}

/** A bare `--version` before `--` never reaches the executor; say so instead of guessing. */
export function requireVersion(value: unknown, app?: string): string {
  if (value === undefined || value === '' || value === true) {
    throw invalidInput(
      `no version given. Nx swallows a bare --version (it prints its own version); pass it after "--": ${safeForm(app)}`,
    );
  }
  try {
    return parseReleaseVersion(typeof value === 'number' ? String(value) : value).tag;
  } catch (error) {
    throw invalidInput(`${(error as Error).message}. Form: ${safeForm(app)}`);
  }
}

export function readOverrides(
  raw: RawDeployOptions,
  overrideKeys: readonly string[],
): Record<string, string | undefined> {
  const overrides: Record<string, string | undefined> = {};
  for (const key of overrideKeys) {
    const value = optionalString(raw[key], key);
    if (value !== undefined) overrides[key] = value;
  }
  return overrides;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`--${name} needs a value`);
  return value.trim();
}

function bool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidInput(`--${name} is a switch (true/false), got ${JSON.stringify(value)}`);
}
