import type { RolloutFollower } from '@slipway/deploy-engine';
import type { DeploymentView } from './deployment-state';
import type { KubeApi, Listed, Watched } from './kube-api';
import { ListWatch } from './list-watch';
import { ownedReplicaSets, selectorString, type V1Deployment, type V1Pod, type V1ReplicaSet } from './objects';

/** A Deployment, its ReplicaSets and the pods of its selector, as the watches last saw them. */
export interface FollowedView extends DeploymentView {
  readonly pods: readonly V1Pod[];
}

/** Where following starts: the Deployment as a change left it, and its ReplicaSets listed just after. */
export interface FollowStart {
  readonly deployment: V1Deployment;
  readonly replicaSets: Listed<V1ReplicaSet>;
}

/**
 * Follows one Deployment with three watches (the Deployment by name, its ReplicaSets and its
 * pods by its selector), the way `kubectl rollout status` follows the Deployment: the watch phase
 * looks as soon as one of them changes, and reads what they hold instead of the API. Starting from
 * the change that began the rollout, it needs no list of Deployments or ReplicaSets. If a watch
 * cannot be opened (RBAC may allow get and list but not watch) or is lost, `view()` is undefined
 * from then on and the provider reads the API as before.
 */
export class DeploymentFollower implements RolloutFollower {
  private readonly deployments: ListWatch<V1Deployment>;
  private readonly replicaSets: ListWatch<V1ReplicaSet>;
  private readonly pods: ListWatch<V1Pod>;
  private state: 'starting' | 'following' | 'lost' | 'closed' = 'starting';
  private readonly waiting = new Set<() => void>();

  constructor(
    kube: KubeApi,
    private readonly start: FollowStart,
  ) {
    const byName = { fieldSelector: `metadata.name=${start.deployment.metadata?.name ?? ''}` };
    const bySelector = { labelSelector: selectorString(start.deployment.spec?.selector) };
    const follow = <R extends keyof Watched>(
      resource: R,
      selector: { labelSelector?: string; fieldSelector?: string },
      list: () => Promise<Listed<Watched[R]>>,
    ) =>
      new ListWatch<Watched[R]>(
        { list, watch: (resourceVersion, events) => kube.watch(resource, { resourceVersion, ...selector }, events) },
        () => this.wake(),
        () => this.lose(),
      );
    this.deployments = follow('deployments', byName, () => kube.listDeployments(byName.fieldSelector));
    this.replicaSets = follow('replicasets', bySelector, () => kube.listReplicaSets(bySelector.labelSelector));
    this.pods = follow('pods', bySelector, () => kube.listPods(bySelector.labelSelector));
  }

  /**
   * Opens the watches; `view()` answers once all three are open. The Deployment's goes first (with
   * the list of pods beside it): if RBAC refuses it, that one request is all following cost.
   */
  open(): this {
    const { deployment, replicaSets } = this.start;
    const pods = this.pods.list();
    this.deployments
      .start({ items: [deployment], resourceVersion: deployment.metadata?.resourceVersion ?? '' })
      // Both promises go to Promise.all before either settles: with `this.pods.start(await pods)`
      // inside the array, a failed list left the ReplicaSets' watch unawaited, and its failure (an
      // API outage as the watches open) became an unhandled rejection that ends the process.
      .then(() => Promise.all([this.replicaSets.start(replicaSets), pods.then((listed) => this.pods.start(listed))]))
      .then(
        () => {
          if (this.state !== 'starting') return;
          this.state = 'following';
          this.wake();
        },
        () => this.lose(),
      );
    // Its failure is handled where it is awaited; not awaited when the Deployment's watch failed first.
    pods.catch(() => undefined);
    return this;
  }

  /** What the watches hold, while all of them are open; undefined otherwise (read the API). */
  view(): FollowedView | undefined {
    if (this.state !== 'following') return undefined;
    const [deployment] = this.deployments.current;
    if (!deployment) return undefined;
    return {
      deployment,
      replicaSets: ownedReplicaSets(deployment, this.replicaSets.current),
      pods: this.pods.current,
    };
  }

  nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.waiting.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiting.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  close(): void {
    this.state = 'closed';
    for (const list of [this.deployments, this.replicaSets, this.pods]) list.stop();
  }

  private wake(): void {
    if (this.state !== 'following') return;
    for (const done of [...this.waiting]) done();
  }

  /** One watch is gone for good: stop the others, and let the provider read the API. */
  private lose(): void {
    if (this.state === 'closed') return;
    this.state = 'lost';
    for (const list of [this.deployments, this.replicaSets, this.pods]) list.stop();
  }
}
