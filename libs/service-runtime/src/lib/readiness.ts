export type ReadinessState = 'starting' | 'ready' | 'draining';

/**
 * Whether a load balancer should send this process new work. It only moves forward:
 * starting → ready once listening, → draining as soon as shutdown begins; never back.
 */
export class Readiness {
  #state: ReadinessState = 'starting';

  get state(): ReadinessState {
    return this.#state;
  }

  get isReady(): boolean {
    return this.#state === 'ready';
  }

  markReady(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  markDraining(): void {
    this.#state = 'draining';
  }
}
