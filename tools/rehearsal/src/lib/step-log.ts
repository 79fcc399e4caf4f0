export type StepStatus = 'ok' | 'skipped' | 'failed';

export interface StepRecord {
  readonly name: string;
  readonly status: StepStatus;
  readonly seconds: number;
  readonly detail: string;
}

/** Times each step and remembers how it ended, for the final summary. */
export class StepLog {
  readonly steps: StepRecord[] = [];
  private readonly startedAt: number;

  constructor(
    private readonly now: () => number,
    private readonly say: (line: string) => void,
  ) {
    this.startedAt = now();
  }

  /** Runs one step: prints its name, times it, records the detail it returns (or its failure). */
  async step(name: string, title: string, body: () => Promise<string>): Promise<void> {
    this.say(`\n▶ ${name}: ${title}`);
    const start = this.now();
    try {
      const detail = await body();
      this.record(name, 'ok', start, detail);
    } catch (error) {
      this.record(name, 'failed', start, (error as Error).message.split('\n', 1)[0]);
      throw error;
    }
  }

  skip(name: string, why: string): void {
    this.say(`\n▷ ${name}: skipped (${why})`);
    this.steps.push({ name, status: 'skipped', seconds: 0, detail: why });
  }

  get totalSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  private record(name: string, status: StepStatus, start: number, detail: string): void {
    const record = { name, status, seconds: (this.now() - start) / 1000, detail };
    this.steps.push(record);
    this.say(`${status === 'ok' ? '✔' : '✖'} ${name} (${record.seconds.toFixed(1)} s): ${detail}`);
  }
}

/** The closing table: every step with its wall time and result. Pure. */
export function formatSummary(
  title: string,
  steps: readonly StepRecord[],
  totalSeconds: number,
  footer: readonly string[],
): string[] {
  const width = Math.max(5, ...steps.map((s) => s.name.length));
  const mark = { ok: '✔', skipped: '–', failed: '✖' } as const;
  return [
    '',
    title,
    ...steps.map(
      (s) => `  ${mark[s.status]} ${s.name.padEnd(width)} ${`${s.seconds.toFixed(1)} s`.padStart(8)}  ${s.detail}`,
    ),
    `    ${'total'.padEnd(width)} ${`${totalSeconds.toFixed(1)} s`.padStart(8)}`,
    ...footer,
  ];
}
