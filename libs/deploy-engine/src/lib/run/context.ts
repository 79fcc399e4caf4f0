import { formatElapsed } from '../config/duration';
import { DEFAULT_FAIL_FAST, type FailFastPolicy } from '../phases/fail-fast';
import type { ProviderFactory } from '../provider';
import { type Clock, systemClock } from '../timing/clock';
import { type PollPolicy, pollPolicyFromEnv } from '../timing/poll-policy';
import type { WatchContext } from '../phases/watch';

/** What the engine needs from the outside world; the plugin supplies the real ones, tests fakes. */
export interface EngineDeps {
  /** Nx project name, used in the commands the report suggests. */
  readonly app: string;
  readonly workspaceRoot: string;
  /**
   * The deploy config the Nx target is configured with (its `config` option). Suggested commands
   * add `--config` only when a run used another one; unknown means they never add it.
   */
  readonly defaultConfig?: string;
  readonly providers: readonly ProviderFactory[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress lines (stdout, or stderr under --json). */
  readonly log: (line: string) => void;
  readonly clock?: Clock;
  readonly pollPolicy?: PollPolicy;
  readonly failFast?: FailFastPolicy;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

export interface RunContext extends WatchContext {
  readonly deps: EngineDeps;
  /** `[mm:ss] line`. */
  readonly say: (line: string) => void;
}

export function createRunContext(deps: EngineDeps): RunContext {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  const say = (line: string) => deps.log(`[${formatElapsed(clock.now() - startedAt)}] ${line}`);
  return {
    deps,
    clock,
    startedAt,
    say,
    log: deps.log,
    signal: deps.signal,
    policy: deps.pollPolicy ?? pollPolicyFromEnv(deps.env),
    failFast: deps.failFast ?? DEFAULT_FAIL_FAST,
    onThrottled: (operation, delayMs, attempt) =>
      say(`${operation}: throttled (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10}s`),
  };
}

/** Every setting name any provider reads: flags of these names override the deploy config. */
export function overrideKeysOf(providers: readonly ProviderFactory[]): string[] {
  return [...new Set(providers.flatMap((p) => p.settings.map((s) => s.name)))];
}
