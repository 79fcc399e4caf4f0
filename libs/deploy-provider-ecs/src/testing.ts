// An in-memory ECS/ECR world and the wiring that routes aws-sdk-client-mock stubs to it. For spec
// files only; the provider itself never imports this.
export * from './lib/test-support/fake-ecs-world';
export * from './lib/test-support/wire-fake-world';
