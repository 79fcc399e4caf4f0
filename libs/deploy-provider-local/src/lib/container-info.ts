/** The part of `docker inspect <container>` the provider reads, with dates parsed. */
export interface ContainerInfo {
  readonly id: string;
  readonly name: string;
  /** The image as the container was created with it: `<registry>/<repository>@sha256:…` for Slipway's. */
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  /** created | running | paused | restarting | removing | exited | dead */
  readonly status: string;
  readonly exitCode: number;
  /** Docker's own error, e.g. why the container could not start. */
  readonly error: string;
  readonly oomKilled: boolean;
  readonly restartCount: number;
  readonly createdAt?: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  /** Absent when the image has no HEALTHCHECK. */
  readonly health?: ContainerHealth;
}

export interface ContainerHealth {
  /** starting | healthy | unhealthy */
  readonly status: string;
  readonly failingStreak: number;
  /** Docker keeps the last five checks, oldest first. */
  readonly log: readonly HealthCheckResult[];
}

export interface HealthCheckResult {
  readonly start?: Date;
  readonly end?: Date;
  readonly exitCode: number;
  readonly output: string;
}

interface RawInspect {
  Id?: string;
  Name?: string;
  Created?: string;
  RestartCount?: number;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  State?: {
    Status?: string;
    ExitCode?: number;
    Error?: string;
    OOMKilled?: boolean;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: {
      Status?: string;
      FailingStreak?: number;
      Log?: { Start?: string; End?: string; ExitCode?: number; Output?: string }[] | null;
    };
  };
}

/** One element of `docker inspect`'s JSON array → ContainerInfo. Pure. */
export function parseContainerInspect(raw: unknown): ContainerInfo {
  const data = (raw ?? {}) as RawInspect;
  const state = data.State ?? {};
  const health = state.Health;
  return {
    id: data.Id ?? '',
    name: (data.Name ?? '').replace(/^\//, ''),
    image: data.Config?.Image ?? '',
    labels: data.Config?.Labels ?? {},
    status: state.Status ?? 'unknown',
    exitCode: state.ExitCode ?? 0,
    error: state.Error ?? '',
    oomKilled: state.OOMKilled === true,
    restartCount: data.RestartCount ?? 0,
    createdAt: date(data.Created),
    startedAt: date(state.StartedAt),
    finishedAt: date(state.FinishedAt),
    health: health?.Status
      ? {
          status: health.Status,
          failingStreak: health.FailingStreak ?? 0,
          log: (health.Log ?? []).map((entry) => ({
            start: date(entry.Start),
            end: date(entry.End),
            exitCode: entry.ExitCode ?? 0,
            output: entry.Output ?? '',
          })),
        }
      : undefined,
  };
}

/** Docker writes `0001-01-01T00:00:00Z` for "never". */
function date(value: string | undefined): Date | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
