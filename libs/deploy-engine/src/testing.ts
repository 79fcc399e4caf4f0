// Fakes for tests of the engine and of code built on it: a scripted provider and a clock that
// only moves when the engine sleeps; readers of the docs, to check them against the code; and a
// check that an entry point does not load a module (a provider's light factory).
// For spec files only; the engine itself never imports this.
export * from './lib/test-support/fake-provider';
export * from './lib/test-support/markdown';
export * from './lib/test-support/module-loading';
export * from './lib/test-support/simulated-clock';
