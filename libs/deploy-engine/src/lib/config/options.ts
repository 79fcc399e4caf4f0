import { parseReleaseVersion } from '@slipway/versioning';
import { invalidInput } from '../errors';
import type { WaitTarget } from '../platform-deployment';
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
  /** `--wait-until`: a terminal status (default), or a lifecycle stage. */
  readonly waitUntil: WaitTarget;
  /** `--on-pause`: end PAUSED (exit 8) at a PAUSE hook (default), or keep waiting for a decision. */
  readonly onPause: OnPause;
  /** `--report <file>`: the report as markdown (`.md`) or HTML (`.html`), with the rollout chart. */
  readonly reportPath?: string;
}

export type OnPause = 'exit' | 'wait';

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
    waitUntil: parseWaitTarget(raw['waitUntil']),
    onPause: parseOnPause(raw['onPause']),
    reportPath: parseReportPath(raw['report']),
  };
}

const STAGE_NAME = /^[A-Z][A-Z_]*[A-Z]$/;

/** `deployed` or `stage:<STAGE>`; whether the stage exists for the target's strategy is checked once it is read. */
export function parseWaitTarget(value: unknown): WaitTarget {
  if (value === undefined || value === 'deployed') return { kind: 'deployed' };
  const match = typeof value === 'string' ? /^stage:(.+)$/.exec(value.trim()) : null;
  if (!match || !STAGE_NAME.test(match[1])) {
    throw invalidInput(
      `--wait-until must be "deployed" or "stage:<STAGE>" with an ECS lifecycle stage such as stage:BAKE_TIME, got ${JSON.stringify(value)}`,
    );
  }
  return { kind: 'stage', stage: match[1] };
}

function parseOnPause(value: unknown): OnPause {
  if (value === undefined || value === 'exit' || value === 'wait') return value ?? 'exit';
  throw invalidInput(
    `--on-pause must be "exit" (end PAUSED, exit 8, at a PAUSE hook) or "wait" (wait for a decision), got ${JSON.stringify(value)}`,
  );
}

function parseReportPath(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/\.(md|html)$/.test(value))
    throw invalidInput(`--report needs a file ending in .md or .html, got ${JSON.stringify(value)}`);
  return value;
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
