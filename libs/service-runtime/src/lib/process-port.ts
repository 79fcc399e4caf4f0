/** The slice of `process` the runtime touches; tests pass a fake to drive signals and see exits. */
export interface ProcessPort {
  readonly env: NodeJS.ProcessEnv;
  readonly stderr: { write(text: string): unknown };
  on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): void;
}

/** Exit codes a supervisor can tell apart. */
export const ExitCode = {
  ok: 0,
  /** Listening failed, an error escaped, or the shutdown outran its timeout. */
  failure: 1,
  /** Bad configuration (sysexits EX_CONFIG): fix the environment, restarting will not help. */
  badConfig: 78,
} as const;
