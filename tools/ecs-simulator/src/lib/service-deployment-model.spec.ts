import { ServiceDeploymentLifecycleStage, ServiceDeploymentStatus } from '@aws-sdk/client-ecs';
import { LIFECYCLE_STAGES, TERMINAL_STATUSES } from './service-deployment-model';

// The SDK is the source of ECS's words (alphabetical there); the order is the documented one, kept here.
describe('the simulator speaks the SDK’s vocabulary of service deployments', () => {
  it('runs every lifecycle stage the SDK knows, each once, and the one only ECS’s docs list', () => {
    const documented = [...Object.values(ServiceDeploymentLifecycleStage), 'PRE_PRODUCTION_TRAFFIC_SHIFT'];
    expect([...LIFECYCLE_STAGES].sort()).toEqual(documented.sort());
  });

  it('ends in terminal statuses the SDK knows', () => {
    expect(Object.values(ServiceDeploymentStatus)).toEqual(expect.arrayContaining([...TERMINAL_STATUSES]));
  });
});
