// Fakes for tests of the engine and of code built on it: a scripted provider and a clock that
// only moves when the engine sleeps; and readers of the docs, to check them against the code.
// For spec files only; the engine itself never imports this.
export * from './lib/test-support/fake-provider';
export * from './lib/test-support/markdown';
export * from './lib/test-support/simulated-clock';
