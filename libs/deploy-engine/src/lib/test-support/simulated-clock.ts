import type { Clock } from '../timing/clock';

/**
 * A clock whose time only moves when the engine sleeps: every sleep advances it instantly.
 * `onSleep` lets tests change the simulated world as time passes; `at` stands for something the
 * platform pushes at a given time (a watch event), which ends a sleep early if it wakes the sleeper.
 */
export class SimulatedClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];
  private readonly timers: { at: number; fire: () => void }[] = [];
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
  /** Resolves when simulated time reaches `time`. */
  at(time: number): Promise<void> {
    return new Promise((fire) => {
      this.timers.push({ at: time, fire });
      this.timers.sort((a, b) => a.at - b.at);
    });
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const start = this.current;
    const end = start + Math.max(0, ms);
    for (let timer = this.timers[0]; timer !== undefined && timer.at <= end; timer = this.timers[0]) {
      this.timers.shift();
      this.current = Math.max(this.current, timer.at);
      timer.fire();
      // Let whoever the timer woke run (and abort this sleep) before time moves on.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) break;
    }
    if (!signal?.aborted) this.current = end;
    this.sleeps.push(this.current - start);
    this.onSleep?.(this.current);
    await Promise.resolve();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
