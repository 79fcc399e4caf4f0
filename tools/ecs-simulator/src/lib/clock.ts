/**
 * Simulated time. Every transition in the simulator happens at a simulated second; the clock maps
 * simulated seconds to the real wall clock so a 2-minute rollout can play out in about a second.
 */
export interface SimClock {
  /** Simulated seconds since the simulation started. */
  now(): number;
  /** The real wall-clock instant (ms since the Unix epoch) at which simulated second `simSeconds` occurs. */
  realTimeOf(simSeconds: number): number;
  /** Jump forward; used by tests and by `POST /_sim/advance`. */
  advance(simSeconds: number): void;
  /** Real milliseconds per simulated second. */
  readonly msPerSimSecond: number;
}

/** Real clock scaled by a speed factor: `msPerSimSecond` real milliseconds make one simulated second. */
export class ScaledClock implements SimClock {
  private readonly startReal: number;
  private offset = 0;

  constructor(
    readonly msPerSimSecond: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(msPerSimSecond > 0)) {
      throw new Error(`msPerSimSecond must be a positive number of real milliseconds, got ${msPerSimSecond}`);
    }
    this.startReal = realNow();
  }

  now(): number {
    return (this.realNow() - this.startReal) / this.msPerSimSecond + this.offset;
  }

  realTimeOf(simSeconds: number): number {
    return this.startReal + (simSeconds - this.offset) * this.msPerSimSecond;
  }

  advance(simSeconds: number): void {
    this.offset += simSeconds;
  }
}

/** A clock that only moves when told to; unit tests drive the model with it. */
export class ManualClock implements SimClock {
  readonly msPerSimSecond = 1000;
  private current = 0;

  now(): number {
    return this.current;
  }

  realTimeOf(simSeconds: number): number {
    return simSeconds * 1000;
  }

  advance(simSeconds: number): void {
    this.current += simSeconds;
  }
}
