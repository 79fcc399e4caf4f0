import type { Clock } from '../timing/clock';

/**
 * A clock whose time only moves when the engine sleeps: every sleep advances it instantly.
 * `onSleep` lets tests change the simulated world as time passes.
 */
export class SimulatedClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];
  constructor(
    start = Date.UTC(2026, 0, 1, 3, 0, 0),
    private readonly randomSource: () => number = () => 0.5,
    private readonly onSleep?: (now: number) => void,
  ) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  random(): number {
    return this.randomSource();
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
    this.onSleep?.(this.current);
    await Promise.resolve();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
