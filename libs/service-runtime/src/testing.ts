// Test helpers for services built on the runtime: real HTTP against a running service and the
// log lines it wrote. For spec files only; the runtime itself never imports this.
export * from './test-support/http-client';
