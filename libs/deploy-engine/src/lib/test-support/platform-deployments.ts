import type { HookDecision, PlatformDeployment, RevisionShare } from '../platform-deployment';
import type { DeploymentPolicy } from '../platform-deployment';
import type { Observation, RolloutHandle } from '../provider';
import { FakeProvider, NEW, observation, rollout, STABLE, STABLE_ROLLOUT } from './fake-provider';

/** Stages in order, as a provider with staged deployments reports them (ECS names, a few of its eleven). */
export const STAGES = [
  'SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

export function share(overrides: Partial<RevisionShare> = {}): RevisionShare {
  return { id: 'srv-2', label: NEW.label, role: 'target', requested: 2, running: 2, pending: 0, ...overrides };
}

/** A blue/green deployment of NEW over STABLE, in progress. */
export function deployment(overrides: Partial<PlatformDeployment> = {}): PlatformDeployment {
  return {
    id: 'sd-1',
    status: 'IN_PROGRESS',
    strategy: 'BLUE_GREEN',
    stage: 'SCALE_UP',
    revisions: [share(), share({ id: 'srv-1', label: STABLE.label, role: 'source' })],
    hooks: [],
    bakeMinutes: 10,
    ...overrides,
  };
}

export const BLUE_GREEN_POLICY: DeploymentPolicy = {
  strategy: 'BLUE_GREEN',
  stages: STAGES,
  bakeMinutes: 10,
  pauseStages: [],
  followable: true,
  refusals: [],
};

/** An observation carrying the deployment, with the rollouts ECS lists beside it. */
export function seen(d: PlatformDeployment, extra: Partial<Observation> = {}): Observation {
  return observation([rollout(), { ...STABLE_ROLLOUT, primary: false }], { deployment: d, ...extra });
}

/** A FakeProvider that also has the platform deployment's operations, recording each decision. */
export class DeploymentFakeProvider extends FakeProvider {
  readonly decisions: string[] = [];
  stopError?: Error;

  async continueDeployment(deploymentId: string, hookId: string, decision: HookDecision): Promise<void> {
    this.calls.push('continueDeployment');
    this.decisions.push(`continue ${deploymentId} ${hookId} ${decision}`);
  }
  async stopDeployment(deploymentId: string): Promise<void> {
    this.calls.push('stopDeployment');
    if (this.stopError) throw this.stopError;
    this.decisions.push(`stop ${deploymentId}`);
  }
  async followDeployment(d: PlatformDeployment): Promise<RolloutHandle> {
    this.calls.push('followDeployment');
    return { rolloutId: 'r-new', revision: { ...NEW, id: d.revisions[0]?.id === 'srv-2' ? NEW.id : NEW.id } };
  }
}
