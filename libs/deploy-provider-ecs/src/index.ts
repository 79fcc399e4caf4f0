export * from './lib/settings';
export * from './lib/aws-errors';
export * from './lib/task-definition';
export * from './lib/service-state';
export * from './lib/stopped-tasks';
export * from './lib/ecr-images';
export * from './lib/ecs-provider';
export * from './lib/factory';
