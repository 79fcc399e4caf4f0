export * from './lib/workspace';
export * from './lib/docker-gate';
export * from './lib/container-environment';
export * from './lib/throwaway-registry';
export * from './lib/seed-image';
export * from './lib/free-port';
export * from './lib/wait-for';
export * from './lib/run-command';
