export type ReadinessState = 'starting' | 'ready' | 'draining';

/**
 * Whether a load balancer should send this process new work. It only moves forward:
 * starting → ready once listening, → draining as soon as shutdown begins; never back.
 */
export class Readiness {
  #state: ReadinessState = 'starting';
  readonly #onDraining: (() => void)[] = [];

  get state(): ReadinessState {
    return this.#state;
  }

  get isReady(): boolean {
    return this.#state === 'ready';
  }

  get isDraining(): boolean {
    return this.#state === 'draining';
  }

  markReady(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  markDraining(): void {
    if (this.#state === 'draining') return;
    this.#state = 'draining';
    for (const listener of this.#onDraining) listener();
  }

  /** Runs `listener` once, when draining starts. */
  onDraining(listener: () => void): void {
    this.#onDraining.push(listener);
  }
}
