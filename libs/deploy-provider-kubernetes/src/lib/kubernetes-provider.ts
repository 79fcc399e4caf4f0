import {
  type DeployProvider,
  type EnvironmentStatus,
  type ImageResolution,
  type Observation,
  ProviderError,
  type ReleasePlan,
  type ResolvedImage,
  type RevisionRef,
  type RolloutFollower,
  type RolloutHandle,
  type StoppedTask,
  type TargetState,
} from '@slipway/deploy-engine';
import {
  currentRevision,
  type DeploymentView,
  eventsOf,
  nextRevisionNumber,
  revisionLabel,
  rolloutsOf,
  stableReplicaSet,
  targetStatusOf,
  toRevisionRef,
} from './deployment-state';
import { DeploymentFollower, type FollowStart } from './deployment-follower';
import type { KubeApi, Listed } from './kube-api';
import {
  digestOf,
  ownedPods,
  ownedReplicaSets,
  POD_TEMPLATE_HASH,
  replicaSetForTemplate,
  revisionNumberOf,
  sameTemplate,
  selectorString,
  templateFingerprint,
  type V1Deployment,
  type V1ReplicaSet,
} from './objects';
import { ContainerNotFoundError, describeChanges, imagePatch, type JsonPatchOperation, undoPatch } from './patches';
import { podFailures } from './pod-failures';
import type { OciImages } from './oci-images';
import type { KubernetesSettings } from './settings';

export interface KubernetesReleasePlan extends ReleasePlan {
  readonly patch: readonly JsonPatchOperation[];
}

/**
 * A Kubernetes Deployment behind the engine's provider contract: revision = ReplicaSet (pod
 * template), rollout = the Deployment moving to a template (identified by the generation the
 * change produced), FAILED = ProgressDeadlineExceeded, stopped tasks = failing pods of the new
 * ReplicaSet. Calls: get/patch deployment, list/get replicasets, list pods, get namespace; while
 * watching a rollout, watches of the Deployment, its ReplicaSets and pods (reads if it may not).
 */
export class KubernetesProvider implements DeployProvider<KubernetesReleasePlan> {
  readonly description: string;
  /** Rollouts this run started, by the template fingerprint they moved the Deployment to. */
  private readonly rollouts = new Map<string, string>();
  /** Where each rollout this run started can be followed from: the patch's answer and the list after it. */
  private readonly starts = new Map<string, FollowStart>();
  private following?: DeploymentFollower;

  constructor(
    private readonly settings: KubernetesSettings,
    private readonly kube: KubeApi,
    private readonly images: OciImages,
  ) {
    this.description = `Kubernetes deployment ${settings.deployment} in namespace ${kube.namespace} (context ${kube.context})`;
  }

  inspectCommands(): string[] {
    const kubeconfig = this.settings.kubeconfig ? ` --kubeconfig ${this.settings.kubeconfig}` : '';
    const base = `kubectl${kubeconfig} --context ${this.kube.context} -n ${this.kube.namespace}`;
    const target = `deployment/${this.settings.deployment}`;
    return [`${base} rollout status ${target}`, `${base} describe ${target}`, `${base} rollout history ${target}`];
  }

  resolveImage(version: string): Promise<ImageResolution> {
    return this.images.resolve(version);
  }

  async readTarget(): Promise<TargetState> {
    const view = await this.readView();
    const stable = stableReplicaSet(view);
    const current = this.currentRef(view);
    return {
      status: targetStatusOf(view.deployment),
      current,
      stable: stable ? this.toRef(stable) : current,
      rollouts: rolloutsOf(view, this.idsFor(view.deployment)),
      events: eventsOf(view.deployment),
      platformRollback: false,
    };
  }

  async plan(target: TargetState, image: ResolvedImage): Promise<KubernetesReleasePlan> {
    const deployment = await this.kube.readDeployment(this.settings.deployment);
    const replicaSets = await this.listOwned(deployment);
    const release = {
      version: image.version,
      commit: image.commit,
      digest: image.digest,
      previousRevision: replicaSets.some((rs) => rs.metadata?.name === target.stable.id) ? target.stable.id : undefined,
    };
    let patch: JsonPatchOperation[];
    try {
      patch = imagePatch(deployment, this.settings.container, image.reference, release);
    } catch (error) {
      if (error instanceof ContainerNotFoundError) throw new ProviderError('invalid', error.message, 'plan');
      throw error;
    }
    const { container, repository } = this.settings;
    return {
      image,
      current: target.current,
      stable: target.stable,
      nextLabel: revisionLabel(this.settings.deployment, nextRevisionNumber(replicaSets)),
      changes: describeChanges(deployment, container, image.reference, release),
      facts: [
        ['server', this.kube.endpoint],
        ['namespace', this.kube.namespace],
        ['deployment', this.settings.deployment],
        ['container', container],
        ['repository', repository],
        [
          'patch',
          `application/json-patch+json, ${patch.length} operations (guarded by generation ${deployment.metadata?.generation ?? 0})`,
        ],
      ],
      patch,
    };
  }

  async apply(plan: KubernetesReleasePlan): Promise<RolloutHandle> {
    const patched = await this.kube.patchDeployment(this.settings.deployment, plan.patch);
    return this.startedRollout(patched, plan.image.version);
  }

  /** `kubectl rollout undo` to this revision: its template and annotations back into the Deployment. */
  async restore(revision: RevisionRef): Promise<RolloutHandle> {
    const [deployment, replicaSet] = await Promise.all([
      this.kube.readDeployment(this.settings.deployment),
      this.kube.readReplicaSet(revision.id),
    ]);
    if (deployment.spec?.paused)
      throw new ProviderError(
        'invalid',
        `deployment ${this.settings.deployment} is paused; resume it (kubectl rollout resume) before rolling back`,
        'rollback',
      );
    const unchanged = sameTemplate(deployment.spec?.template, replicaSet.spec?.template);
    const patched = unchanged
      ? deployment
      : await this.kube.patchDeployment(this.settings.deployment, undoPatch(deployment, replicaSet));
    return this.startedRollout(patched, revision.version);
  }

  /**
   * Follows a rollout this run started with watches, from the version its change left (no
   * relisting); `observe` then answers from them. Undefined for a rollout it did not start.
   */
  follow(rollout: RolloutHandle): RolloutFollower | undefined {
    const start = this.starts.get(rollout.rolloutId);
    if (!start) return undefined;
    const follower = new DeploymentFollower(this.kube, start).open();
    this.following = follower;
    return {
      nextChange: (signal) => follower.nextChange(signal),
      close: () => {
        follower.close();
        if (this.following === follower) this.following = undefined;
      },
    };
  }

  async observe(rollout: RolloutHandle): Promise<Observation> {
    const followed = this.following?.view();
    const view = followed ?? (await this.readView());
    const mine = [...this.rollouts.entries()].find(([, id]) => id === rollout.rolloutId)?.[0];
    const replicaSet = view.replicaSets.find((rs) => templateFingerprint(rs.spec?.template) === mine);
    let stoppedTasks: StoppedTask[] = [];
    if (replicaSet)
      stoppedTasks = followed
        ? podFailures(ownedPods(replicaSet, followed.pods))
        : await this.failingPods(view.deployment, replicaSet);
    const current = replicaSetForTemplate(view.deployment.spec?.template, view.replicaSets);
    const failedPods = current === replicaSet ? stoppedTasks.length : 0;
    return {
      status: targetStatusOf(view.deployment),
      rollouts: rolloutsOf(view, this.idsFor(view.deployment), failedPods),
      events: eventsOf(view.deployment),
      stoppedTasks,
    };
  }

  async readRevision(id: string): Promise<RevisionRef> {
    return this.toRef(await this.kube.readReplicaSet(id));
  }

  async status(): Promise<EnvironmentStatus> {
    const view = await this.readView();
    const rollouts = rolloutsOf(view, this.idsFor(view.deployment));
    const primary = rollouts[0];
    const current = this.currentRef(view);
    return {
      current,
      digest: digestOf(current.image),
      rollout: primary,
      rollouts,
      since: primary.updatedAt ?? primary.createdAt,
    };
  }

  /**
   * Remembers the rollout a patch started (by the template it set) and names its revision: the
   * ReplicaSet if the controller already has it, else the revision number the controller will give.
   */
  private async startedRollout(patched: V1Deployment, version?: string): Promise<RolloutHandle> {
    const rolloutId = rolloutIdOf(patched);
    this.rollouts.set(templateFingerprint(patched.spec?.template), rolloutId);
    const listed = await this.listOwnedAt(patched).catch(() => undefined);
    if (listed) this.starts.set(rolloutId, { deployment: patched, replicaSets: listed });
    const replicaSets = listed?.items ?? [];
    const replicaSet = replicaSetForTemplate(patched.spec?.template, replicaSets);
    const others = replicaSets.filter((rs) => rs !== replicaSet);
    const numbered =
      replicaSet && revisionNumberOf(replicaSet) >= nextRevisionNumber(others) - 1 && revisionNumberOf(replicaSet) > 0;
    const label = revisionLabel(
      this.settings.deployment,
      numbered ? revisionNumberOf(replicaSet) : nextRevisionNumber(others),
    );
    const image =
      patched.spec?.template?.spec?.containers?.find((c) => c.name === this.settings.container)?.image ??
      '(no such container)';
    const revision: RevisionRef = replicaSet
      ? { ...this.toRef(replicaSet), label }
      : { id: `${rolloutId} (ReplicaSet pending)`, label, image, version };
    return { rolloutId, revision };
  }

  private async readView(): Promise<DeploymentView> {
    let deployment: V1Deployment;
    try {
      deployment = await this.kube.readDeployment(this.settings.deployment);
    } catch (error) {
      throw await this.explainMissing(error);
    }
    return { deployment, replicaSets: await this.listOwned(deployment) };
  }

  private async listOwned(deployment: V1Deployment): Promise<V1ReplicaSet[]> {
    return [...(await this.listOwnedAt(deployment)).items];
  }

  /** The ReplicaSets the Deployment controls, and the version of the list they were read in. */
  private async listOwnedAt(deployment: V1Deployment): Promise<Listed<V1ReplicaSet>> {
    const listed = await this.kube.listReplicaSets(selectorString(deployment.spec?.selector));
    return { items: ownedReplicaSets(deployment, listed.items), resourceVersion: listed.resourceVersion };
  }

  private async failingPods(deployment: V1Deployment, replicaSet: V1ReplicaSet): Promise<StoppedTask[]> {
    const hash = replicaSet.metadata?.labels?.[POD_TEMPLATE_HASH];
    const selector = selectorString(deployment.spec?.selector, hash ? { [POD_TEMPLATE_HASH]: hash } : {});
    return podFailures(ownedPods(replicaSet, (await this.kube.listPods(selector)).items));
  }

  /** A 404 on the Deployment: say whether the namespace is missing too, when RBAC lets us tell. */
  private async explainMissing(error: unknown): Promise<unknown> {
    if (!(error instanceof ProviderError) || error.kind !== 'not-found') return error;
    const { deployment } = this.settings;
    const namespace = this.kube.namespace;
    const exists = await this.kube.namespaceExists();
    const where =
      exists === false
        ? `namespace ${namespace} does not exist`
        : `deployment ${deployment} not found in namespace ${namespace}`;
    return new ProviderError(
      'not-found',
      `${where} (${this.kube.endpoint}); check "namespace", "deployment" and "context" in the deploy config`,
      error.operation,
      error,
    );
  }

  private currentRef(view: DeploymentView): RevisionRef {
    return currentRevision(view, this.settings.container, `${rolloutIdOf(view.deployment)} (ReplicaSet pending)`);
  }

  private toRef(replicaSet: V1ReplicaSet): RevisionRef {
    return toRevisionRef(this.settings.deployment, replicaSet, this.settings.container);
  }

  private idsFor(deployment: V1Deployment) {
    const primary = this.rollouts.get(templateFingerprint(deployment.spec?.template)) ?? rolloutIdOf(deployment);
    return { primary, pendingRevision: `${primary} (ReplicaSet pending)` };
  }
}

/** `api@gen-7`: the Deployment at the generation a change produced. */
export function rolloutIdOf(deployment: V1Deployment): string {
  return `${deployment.metadata?.name ?? '?'}@gen-${deployment.metadata?.generation ?? 0}`;
}
