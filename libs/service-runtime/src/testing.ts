// Test helpers for services built on the runtime: real HTTP against a running service, the log
// lines it wrote, and its built bundle as a child process. For spec files only; the runtime itself
// never imports this.
export * from './test-support/http-client';
export * from './test-support/built-service';
