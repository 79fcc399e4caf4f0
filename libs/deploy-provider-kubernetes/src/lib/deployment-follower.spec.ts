import { DeploymentFollower } from './deployment-follower';
import { FakeKubeApi } from './test-support/fake-kube-api';
import { deployment } from './test-support/fixtures';

const outage = Object.assign(new Error('Service Unavailable'), { code: 503 });

describe('DeploymentFollower', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('an outage as the watches open (pods unlisted, the ReplicaSets’ watch refused) loses following, and nothing escapes', async () => {
    const kube = new FakeKubeApi();
    kube.deployment = deployment();
    const watch = kube.watch.bind(kube);
    kube.watch = (resource, query, events) => {
      const opened = watch(resource, query, events);
      kube.failures.set('watch', outage); // the Deployment's watch opens; then the API goes down
      return opened;
    };
    kube.failures.set('listPods', outage);

    const follower = new DeploymentFollower(kube, {
      deployment: kube.deployment,
      replicaSets: { items: [], resourceVersion: '100' },
    }).open();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(unhandled).toEqual([]);
    expect(follower.view()).toBeUndefined();
    expect(kube.methods()).toEqual(['listPods', 'watch', 'watch']);
    follower.close();
  });
});
