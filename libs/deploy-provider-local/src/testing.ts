// An in-memory Docker engine and registry for tests of the local provider and of code built on it.
// For spec files only; the provider itself never imports this.
export * from './lib/test-support/fake-docker-engine';
export * from './lib/test-support/memory-image-source';
