import { DEFAULT_POLL_POLICY } from '../timing/poll-policy';
import { FakeProvider } from '../test-support/fake-provider';
import { deployment, DeploymentFakeProvider } from '../test-support/platform-deployments';
import { SimulatedClock } from '../test-support/simulated-clock';
import { decideDeployment } from './deployment-decision';

const HOOK = { id: 'ecs-pause-1', status: 'AWAITING_ACTION' };
const waiting = deployment({ hooks: [HOOK] });

function context(lines: string[] = []) {
  return { clock: new SimulatedClock(), policy: DEFAULT_POLL_POLICY, say: (l: string) => lines.push(l) };
}

/** A provider that can stop a deployment but not answer its hooks. */
class StopOnlyProvider extends DeploymentFakeProvider {
  override continueDeployment = undefined as unknown as DeploymentFakeProvider['continueDeployment'];
}

describe('decideDeployment', () => {
  it('answers the PAUSE hook that waits, with the decision asked for', async () => {
    const provider = new DeploymentFakeProvider();
    const lines: string[] = [];
    expect(await decideDeployment(provider, waiting, 'CONTINUE', context(lines))).toBe(true);
    expect(await decideDeployment(provider, waiting, 'ROLLBACK', context(lines))).toBe(true);
    expect(provider.decisions).toEqual(['continue sd-1 ecs-pause-1 CONTINUE', 'continue sd-1 ecs-pause-1 ROLLBACK']);
    expect(lines).toEqual([
      'answered PAUSE hook ecs-pause-1 of sd-1 with CONTINUE (ContinueServiceDeployment)',
      'answered PAUSE hook ecs-pause-1 of sd-1 with ROLLBACK (ContinueServiceDeployment)',
    ]);
  });

  it('rolls back a deployment with no hook waiting by stopping it (StopServiceDeployment ROLLBACK)', async () => {
    const provider = new DeploymentFakeProvider();
    const lines: string[] = [];
    expect(await decideDeployment(provider, deployment(), 'ROLLBACK', context(lines))).toBe(true);
    expect(provider.decisions).toEqual(['stop sd-1']);
    expect(lines).toEqual(['asked ECS to roll sd-1 back (StopServiceDeployment ROLLBACK)']);
  });

  it('never turns CONTINUE into a stop: a platform that cannot answer hooks cannot take it', async () => {
    const provider = new StopOnlyProvider();
    expect(await decideDeployment(provider, waiting, 'CONTINUE', context())).toBe(false);
    expect(provider.calls).toEqual([]);
    expect(await decideDeployment(provider, waiting, 'ROLLBACK', context())).toBe(true);
    expect(provider.decisions).toEqual(['stop sd-1']);
  });

  it('a platform without a deployment object takes no decision', async () => {
    expect(await decideDeployment(new FakeProvider(), waiting, 'ROLLBACK', context())).toBe(false);
  });

  it('a refused call throws, for the caller to report', async () => {
    const provider = new DeploymentFakeProvider();
    provider.stopError = new Error('ConflictException: the deployment has completed');
    await expect(decideDeployment(provider, deployment(), 'ROLLBACK', context())).rejects.toThrow('ConflictException');
  });
});
