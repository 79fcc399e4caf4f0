interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * A queue of transitions at simulated seconds. Transitions run in time order (ties in scheduling
 * order) whenever the simulation is brought up to date, so the outcome depends only on the
 * scenario and on when clients act, never on how often they poll.
 */
export class Scheduler {
  private queue: Scheduled[] = [];
  private seq = 0;
  /** The simulated second being processed: the time stamped on every change. */
  time = 0;

  schedule(at: number, run: () => void): void {
    this.queue.push({ at: Math.max(at, this.time), seq: this.seq++, run });
    this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  runUntil(now: number): void {
    for (let next = this.queue[0]; next !== undefined && next.at <= now; next = this.queue[0]) {
      this.queue.shift();
      this.time = next.at;
      next.run();
    }
    this.time = Math.max(this.time, now);
  }

  /** When the next transition is due, if any. */
  get nextAt(): number | undefined {
    return this.queue[0]?.at;
  }

  get pending(): number {
    return this.queue.length;
  }
}
