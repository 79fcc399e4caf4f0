import { createHash, randomUUID } from 'node:crypto';
import { Scheduler, type SimClock } from '@slipway/ecs-simulator';
import {
  type Condition,
  type Deployment,
  POD_TEMPLATE_HASH,
  type PodTemplate,
  type ReplicaSet,
  resolveIntOrPercent,
  REVISION,
  safeEncode,
  SKIPPED_ANNOTATIONS,
  templateHash,
  templateKey,
} from './objects';
import { backoffSeconds, isAvailable, renderPod, type SimPod } from './pods';
import { commitOf, type FakeOciRegistry } from './registry';
import type { DeploymentSeed, PodBehaviour, Scenario } from './scenario';

export interface TimelineEntry {
  readonly at: number;
  readonly event: string;
  readonly detail: string;
}

const DEFAULT_DEADLINE = 600;
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/**
 * The cluster: Deployments, ReplicaSets and pods in simulated time, with the Deployment
 * controller's rolling update (maxSurge/maxUnavailable, revisions, annotations copied to the new
 * ReplicaSet, progress deadline, revision history limit) and a kubelet whose pods behave as the
 * scenario says for their image.
 */
export class World {
  readonly deployments = new Map<string, Deployment>();
  readonly replicaSets = new Map<string, ReplicaSet>();
  readonly pods = new Map<string, SimPod>();
  readonly namespaces = new Set<string>();
  readonly timeline: TimelineEntry[] = [];
  private readonly scheduler = new Scheduler();
  private resourceVersion = 1000;
  private podCounter = 0;
  /** Deadline checks already scheduled, per deployment and progress instant. */
  private readonly deadlineChecks = new Set<string>();

  constructor(
    private readonly clock: SimClock,
    readonly scenario: Scenario,
    readonly registry: FakeOciRegistry,
    readonly registryHost: string,
  ) {
    for (const seed of scenario.deployments ?? []) this.namespaces.add(seed.namespace);
    for (const namespace of scenario.namespaces ?? []) this.namespaces.add(namespace);
    for (const seed of scenario.deployments ?? []) this.seed(seed);
  }

  /** Runs every transition due by now. Called before each API answer. */
  advance(): void {
    this.scheduler.runUntil(this.clock.now());
  }

  get now(): number {
    return this.scheduler.time;
  }

  iso = (simSeconds: number): string =>
    new Date(EPOCH + Math.round(simSeconds * 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  imageOf(repository: string, tag: string): string {
    const digest = this.registry.digestOf(repository, tag) ?? this.registry.push(repository, tag);
    return `${this.registryHost}/${repository}@${digest}`;
  }

  nextResourceVersion(): string {
    return String(++this.resourceVersion);
  }

  // --- reads ------------------------------------------------------------------------------

  deployment(namespace: string, name: string): Deployment | undefined {
    return this.deployments.get(`${namespace}/${name}`);
  }

  replicaSetsIn(namespace: string): ReplicaSet[] {
    return [...this.replicaSets.values()]
      .filter((rs) => rs.metadata.namespace === namespace)
      .map((rs) => this.withStatus(rs));
  }

  podsIn(namespace: string): Record<string, unknown>[] {
    return [...this.pods.values()]
      .filter((p) => !p.deleted && p.namespace === namespace)
      .map((p) => renderPod(p, this.iso, { resourceVersion: String(this.resourceVersion) }));
  }

  // --- writes -----------------------------------------------------------------------------

  /**
   * Stores a new version of a Deployment as the API server does after a patch: generation bumps
   * when the spec changed, and the controller is told.
   */
  updateDeployment(before: Deployment, after: Deployment): Deployment {
    const specChanged = JSON.stringify(before.spec) !== JSON.stringify(after.spec);
    const stored: Deployment = {
      ...after,
      metadata: {
        ...after.metadata,
        name: before.metadata.name,
        namespace: before.metadata.namespace,
        uid: before.metadata.uid,
        creationTimestamp: before.metadata.creationTimestamp,
        generation: (before.metadata.generation ?? 1) + (specChanged ? 1 : 0),
        resourceVersion: this.nextResourceVersion(),
      },
      status: before.status,
    };
    this.deployments.set(key(stored), stored);
    this.record(
      'DEPLOYMENT_UPDATED',
      `${stored.metadata.name} generation ${stored.metadata.generation}${specChanged ? '' : ' (metadata only)'}`,
    );
    if (specChanged)
      this.scheduler.schedule(this.now + (this.scenario.controllerDelay ?? 0), () => this.sync(key(stored)));
    return stored;
  }

  // --- the Deployment controller ----------------------------------------------------------

  private sync(deploymentKey: string): void {
    const deployment = this.deployments.get(deploymentKey);
    if (!deployment) return;
    const before = structuredClone(deployment.status);
    const owned = this.ownedBy(deployment);
    if (deployment.spec.paused) {
      deployment.status = {
        ...this.computeStatus(deployment, owned, undefined),
        observedGeneration: deployment.metadata.generation,
      };
      this.setCondition(deployment, {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      });
      return;
    }
    const { replicaSet: newRS, created } = this.newReplicaSet(deployment, owned);
    const all = this.ownedBy(deployment);
    const old = all.filter((rs) => rs !== newRS);
    // The real controller re-syncs at once after each scaling step; converge in one go.
    for (let step = 0; step < 10; step++) {
      const before = all.map((rs) => rs.spec.replicas).join();
      this.scale(deployment, newRS, old);
      this.reconcilePods(all);
      if (all.map((rs) => rs.spec.replicas).join() === before) break;
    }
    const status = this.computeStatus(deployment, all, newRS);
    deployment.status = { ...deployment.status, ...status, observedGeneration: deployment.metadata.generation };
    this.updateProgress(deployment, newRS, before, created);
    this.cleanUpHistory(deployment, newRS);
  }

  /** The ReplicaSet of the current template: found (and renumbered) or created, as the controller does. */
  private newReplicaSet(deployment: Deployment, owned: ReplicaSet[]): { replicaSet: ReplicaSet; created: boolean } {
    const wanted = templateKey(deployment.spec.template);
    const existing = owned.find((rs) => templateKey(rs.spec.template) === wanted);
    const others = owned.filter((rs) => rs !== existing);
    const revision = Math.max(0, ...others.map(revisionOf)) + 1;
    deployment.metadata.annotations = {
      ...(deployment.metadata.annotations ?? {}),
      [REVISION]: String(existing && revisionOf(existing) >= revision ? revisionOf(existing) : revision),
    };
    if (existing) {
      if (revisionOf(existing) < revision) {
        this.copyAnnotations(deployment, existing);
        existing.metadata.annotations = { ...existing.metadata.annotations, [REVISION]: String(revision) };
        existing.metadata.resourceVersion = this.nextResourceVersion();
        this.record('REPLICASET_REUSED', `${existing.metadata.name} is revision ${revision}`);
      }
      return { replicaSet: existing, created: false };
    }
    const hash = templateHash(deployment.spec.template);
    const template: PodTemplate = structuredClone(deployment.spec.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
    };
    const replicaSet: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata.name}-${hash}`,
        namespace: deployment.metadata.namespace,
        uid: randomUUID(),
        resourceVersion: this.nextResourceVersion(),
        generation: 1,
        creationTimestamp: this.iso(this.now),
        labels: { ...(template.metadata.labels ?? {}) },
        annotations: { [REVISION]: String(revision) },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: deployment.metadata.name,
            uid: deployment.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 0,
        minReadySeconds: deployment.spec.minReadySeconds ?? 0,
        selector: { matchLabels: { ...(deployment.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash } },
        template,
      },
      status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
    };
    this.copyAnnotations(deployment, replicaSet);
    this.replicaSets.set(key(replicaSet), replicaSet);
    this.record('REPLICASET_CREATED', `${replicaSet.metadata.name} revision ${revision}`);
    return { replicaSet, created: true };
  }

  private copyAnnotations(deployment: Deployment, replicaSet: ReplicaSet): void {
    const annotations = replicaSet.metadata.annotations ?? {};
    for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {}))
      if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
    replicaSet.metadata.annotations = annotations;
  }

  /** RollingUpdate (NewRSNewReplicas, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate) or Recreate. */
  private scale(deployment: Deployment, newRS: ReplicaSet, old: ReplicaSet[]): void {
    const desired = deployment.spec.replicas ?? 1;
    const sum = (list: ReplicaSet[]) => list.reduce((n, rs) => n + rs.spec.replicas, 0);
    const available = (rs: ReplicaSet) =>
      this.podsOf(rs).filter((p) => isAvailable(p, this.now, deployment.spec.minReadySeconds ?? 0)).length;
    if (deployment.spec.strategy?.type === 'Recreate') {
      for (const rs of old) rs.spec.replicas = 0;
      if (old.every((rs) => this.podsOf(rs).length === 0)) newRS.spec.replicas = desired;
      return;
    }
    const rolling = deployment.spec.strategy?.rollingUpdate ?? {};
    const maxSurge = resolveIntOrPercent(rolling.maxSurge, desired, true, '25%');
    let maxUnavailable = resolveIntOrPercent(rolling.maxUnavailable, desired, false, '25%');
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    const all = [newRS, ...old];
    const total = sum(all);
    const maxTotal = desired + maxSurge;
    if (newRS.spec.replicas > desired) newRS.spec.replicas = desired;
    else if (total < maxTotal) newRS.spec.replicas += Math.min(maxTotal - total, desired - newRS.spec.replicas);
    const minAvailable = desired - maxUnavailable;
    const newUnavailable = newRS.spec.replicas - available(newRS);
    let maxScaledDown = sum(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    for (const rs of old) {
      const unhealthy = rs.spec.replicas - available(rs);
      const cut = Math.min(maxScaledDown, Math.max(0, unhealthy));
      rs.spec.replicas -= cut;
      maxScaledDown -= cut;
    }
    let scaleDown = all.reduce((n, rs) => n + Math.min(rs.spec.replicas, available(rs)), 0) - minAvailable;
    for (const rs of old) {
      if (scaleDown <= 0) break;
      const cut = Math.min(rs.spec.replicas, scaleDown);
      rs.spec.replicas -= cut;
      scaleDown -= cut;
    }
  }

  /** The ReplicaSet controller: pods up or down to each ReplicaSet's replicas (not-ready pods go first). */
  private reconcilePods(replicaSets: ReplicaSet[]): void {
    for (const rs of replicaSets) {
      const pods = this.podsOf(rs);
      for (let i = pods.length; i < rs.spec.replicas; i++) this.startPod(rs);
      const surplus = pods.length - rs.spec.replicas;
      if (surplus > 0) {
        const victims = [...pods]
          .sort((a, b) => Number(a.ready) - Number(b.ready) || b.createdAt - a.createdAt)
          .slice(0, surplus);
        for (const pod of victims) {
          pod.deleted = true;
          this.pods.delete(pod.uid);
          this.record('POD_DELETED', pod.name);
        }
      }
    }
  }

  private computeStatus(
    deployment: Deployment,
    all: ReplicaSet[],
    newRS: ReplicaSet | undefined,
  ): Deployment['status'] {
    const minReady = deployment.spec.minReadySeconds ?? 0;
    const pods = all.flatMap((rs) => this.podsOf(rs));
    const available = pods.filter((p) => isAvailable(p, this.now, minReady)).length;
    const totalSpec = all.reduce((n, rs) => n + rs.spec.replicas, 0);
    return {
      replicas: pods.length,
      updatedReplicas: newRS ? this.podsOf(newRS).length : 0,
      readyReplicas: pods.filter((p) => p.ready).length,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, totalSpec - available),
    };
  }

  /** Progressing / Available conditions, the progress deadline, and the timeline. */
  private updateProgress(
    deployment: Deployment,
    newRS: ReplicaSet,
    before: Deployment['status'],
    created: boolean,
  ): void {
    const status = deployment.status;
    const desired = deployment.spec.replicas ?? 1;
    const rsName = newRS.metadata.name;
    const complete =
      status.updatedReplicas === desired && status.replicas === desired && status.availableReplicas === desired;
    const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
    const oldNow = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    const progressed =
      created ||
      (status.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
      oldNow < oldBefore ||
      (status.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (before.availableReplicas ?? 0);
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    const deadline = deployment.spec.progressDeadlineSeconds ?? DEFAULT_DEADLINE;
    if (complete) {
      if (progressing?.reason !== 'NewReplicaSetAvailable')
        this.record('ROLLOUT_COMPLETE', `${deployment.metadata.name}: ${rsName}`);
      this.setCondition(deployment, {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      });
    } else if (progressed || !progressing || progressing.reason === 'NewReplicaSetAvailable') {
      const reason = created ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated';
      const message = created ? `Created new replica set "${rsName}"` : `ReplicaSet "${rsName}" is progressing.`;
      this.setCondition(deployment, { type: 'Progressing', status: 'True', reason, message });
    } else if (
      progressing.reason !== 'ProgressDeadlineExceeded' &&
      this.now - this.secondsOf(progressing.lastUpdateTime ?? this.iso(this.now)) >= deadline
    ) {
      this.setCondition(deployment, {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
      });
      this.record('PROGRESS_DEADLINE_EXCEEDED', `${deployment.metadata.name}: ${rsName}`);
    }
    const maxUnavailable = resolveIntOrPercent(
      deployment.spec.strategy?.rollingUpdate?.maxUnavailable,
      desired,
      false,
      '25%',
    );
    const minimum = (status.availableReplicas ?? 0) >= desired - maxUnavailable;
    this.setCondition(deployment, {
      type: 'Available',
      status: minimum ? 'True' : 'False',
      reason: minimum ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      message: minimum ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
    });
    const current = deployment.status.conditions?.find((c) => c.type === 'Progressing');
    if (!complete && current?.status === 'True' && current.lastUpdateTime) {
      const check = `${key(deployment)}@${current.lastUpdateTime}`;
      if (!this.deadlineChecks.has(check)) {
        this.deadlineChecks.add(check);
        this.scheduler.schedule(this.secondsOf(current.lastUpdateTime) + deadline, () => this.sync(key(deployment)));
      }
    }
  }

  private secondsOf(iso: string): number {
    return (Date.parse(iso) - EPOCH) / 1000;
  }

  /** lastUpdateTime moves on every write; lastTransitionTime only when the status flips. */
  private setCondition(
    deployment: Deployment,
    condition: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
  ): void {
    const conditions = deployment.status.conditions ?? [];
    const existing = conditions.find((c) => c.type === condition.type);
    const now = this.iso(this.now);
    const same =
      existing &&
      existing.status === condition.status &&
      existing.reason === condition.reason &&
      existing.message === condition.message;
    if (same && condition.type === 'Available') return;
    if (same && condition.reason === 'ProgressDeadlineExceeded') return;
    const next: Condition = {
      ...condition,
      lastUpdateTime: now,
      lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime : now,
    };
    deployment.status.conditions = [...conditions.filter((c) => c.type !== condition.type), next].sort((a, b) =>
      a.type < b.type ? -1 : 1,
    );
    deployment.metadata.resourceVersion = this.nextResourceVersion();
  }

  /** revisionHistoryLimit: old ReplicaSets without pods beyond the limit are deleted, oldest first. */
  private cleanUpHistory(deployment: Deployment, newRS: ReplicaSet): void {
    const limit = deployment.spec.revisionHistoryLimit ?? 10;
    const idle = this.ownedBy(deployment)
      .filter((rs) => rs !== newRS && rs.spec.replicas === 0 && this.podsOf(rs).length === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.replicaSets.delete(key(rs));
      this.record('REPLICASET_DELETED', rs.metadata.name);
    }
  }

  // --- the kubelet ------------------------------------------------------------------------

  /** `settled`: a seeded pod that has been running for a while; the kubelet has nothing left to do. */
  private startPod(rs: ReplicaSet, settled = false): SimPod {
    const suffix = safeEncode(createHash('sha256').update(`${rs.metadata.uid}#${++this.podCounter}`).digest(), 5);
    const { behaviour, behaving } = this.behaviourOf(rs.spec.template);
    const pod: SimPod = {
      name: `${rs.metadata.name}-${suffix}`,
      uid: randomUUID(),
      namespace: rs.metadata.namespace ?? 'default',
      owner: rs,
      createdAt: this.now,
      behaving,
      behaviour,
      stage: 'creating',
      ready: false,
      restarts: 0,
      deleted: false,
    };
    this.pods.set(pod.uid, pod);
    if (settled) return Object.assign(pod, { stage: 'running', ready: true, readySince: -60, startedAt: -60 });
    this.record('POD_CREATED', pod.name);
    this.at(pod, this.now + 1, () => this.containerStarts(pod));
    return pod;
  }

  private containerStarts(pod: SimPod): void {
    switch (pod.behaviour.kind) {
      case 'imagePullError':
        pod.stage = 'pull-error';
        this.record('POD_IMAGE_PULL_FAILED', pod.name);
        this.at(pod, this.now + 2, () => this.pullBackOff(pod));
        return;
      case 'crashLoop':
        this.run(pod);
        this.at(pod, this.now + (pod.behaviour.runFor ?? 2), () => this.crash(pod));
        return;
      case 'neverReady':
        this.run(pod);
        return;
      case 'healthy':
        this.run(pod);
        this.at(pod, this.now + (pod.behaviour.readyAfter ?? 5), () => {
          pod.ready = true;
          pod.readySince = this.now;
          this.record('POD_READY', pod.name);
          const minReady = pod.owner.spec.minReadySeconds ?? 0;
          if (minReady > 0) this.at(pod, this.now + minReady, () => undefined);
        });
        return;
    }
  }

  private run(pod: SimPod): void {
    pod.stage = 'running';
    pod.startedAt = this.now;
  }

  private crash(pod: SimPod): void {
    const exitCode = pod.behaviour.kind === 'crashLoop' ? (pod.behaviour.exitCode ?? 1) : 1;
    pod.stage = 'terminated';
    pod.lastExit = { code: exitCode, startedAt: pod.startedAt ?? pod.createdAt, finishedAt: this.now };
    pod.restarts++;
    this.record('POD_CRASHED', `${pod.name} exit ${exitCode} (restart ${pod.restarts})`);
    this.at(pod, this.now + 1, () => {
      pod.stage = 'backoff';
      this.at(pod, this.now + backoffSeconds(pod.restarts), () => {
        this.run(pod);
        this.at(pod, this.now + (pod.behaviour.kind === 'crashLoop' ? (pod.behaviour.runFor ?? 2) : 2), () =>
          this.crash(pod),
        );
      });
    });
  }

  private pullBackOff(pod: SimPod): void {
    pod.stage = 'pull-backoff';
    this.at(pod, this.now + 10, () => {
      pod.stage = 'pull-error';
      this.at(pod, this.now + 2, () => this.pullBackOff(pod));
    });
  }

  /** A pod transition, then the owning Deployment's controller sync (it watches its pods). */
  private at(pod: SimPod, time: number, change: () => void): void {
    this.scheduler.schedule(time, () => {
      if (pod.deleted) return;
      change();
      const owner = pod.owner.metadata.ownerReferences?.[0];
      const deployment = [...this.deployments.values()].find((d) => d.metadata.uid === owner?.uid);
      if (deployment) this.sync(key(deployment));
    });
  }

  private behaviourOf(template: PodTemplate): { behaviour: PodBehaviour; behaving: Set<string> } {
    const rollouts = this.scenario.rollouts ?? {};
    for (const container of template.spec.containers) {
      const digest = container.image.slice(container.image.lastIndexOf('@') + 1);
      const tag = this.registry.tagOf(digest);
      const behaviour = (tag && rollouts[tag]) || rollouts[digest] || rollouts[container.image];
      if (behaviour) return { behaviour, behaving: new Set([container.name]) };
    }
    return {
      behaviour: rollouts['default'] ?? { kind: 'healthy' },
      behaving: new Set(template.spec.containers.map((c) => c.name)),
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  private ownedBy(deployment: Deployment): ReplicaSet[] {
    return [...this.replicaSets.values()].filter((rs) =>
      rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === deployment.metadata.uid),
    );
  }

  private podsOf(rs: ReplicaSet): SimPod[] {
    return [...this.pods.values()].filter((p) => !p.deleted && p.owner === rs);
  }

  private withStatus(rs: ReplicaSet): ReplicaSet {
    const pods = this.podsOf(rs);
    const available = pods.filter((p) => isAvailable(p, this.now, rs.spec.minReadySeconds ?? 0)).length;
    return {
      ...rs,
      status: {
        replicas: pods.length,
        fullyLabeledReplicas: pods.length,
        readyReplicas: pods.filter((p) => p.ready).length,
        availableReplicas: available,
        observedGeneration: 1,
      },
    };
  }

  record(event: string, detail: string): void {
    this.timeline.push({ at: this.now, event, detail });
  }

  // --- seeding ----------------------------------------------------------------------------

  /** A Deployment that has already rolled out `history`, one ReplicaSet per version, the last running. */
  private seed(seed: DeploymentSeed): void {
    const templateFor = (version: string): PodTemplate => ({
      metadata: { labels: { app: seed.name } },
      spec: {
        containers: [
          {
            name: seed.container,
            image: this.imageOf(seed.repository, version),
            ports: [{ containerPort: 3000, name: 'http', protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
          },
        ],
        terminationGracePeriodSeconds: 30,
      },
    });
    const annotationsFor = (version: string, previous?: string): Record<string, string> => ({
      'kubernetes.io/change-cause': `slipway deploy ${version}`,
      'slipway.dev/version': version,
      'slipway.dev/commit': commitOf(version),
      ...(previous ? { 'slipway.dev/previous-revision': previous } : {}),
    });
    const uid = randomUUID();
    const last = seed.history[seed.history.length - 1];
    const previousNames: string[] = [];
    seed.history.forEach((version, index) => {
      const template = templateFor(version);
      const hash = templateHash(template);
      const name = `${seed.name}-${hash}`;
      const labels = { app: seed.name, [POD_TEMPLATE_HASH]: hash };
      const labelled: PodTemplate = { ...structuredClone(template), metadata: { labels } };
      const running = index === seed.history.length - 1;
      const rs: ReplicaSet = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: seed.namespace,
          uid: randomUUID(),
          resourceVersion: this.nextResourceVersion(),
          generation: 1,
          creationTimestamp: this.iso(-3600 * (seed.history.length - index)),
          labels: { ...labels },
          annotations: { [REVISION]: String(index + 1), ...annotationsFor(version, previousNames.at(-1)) },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: seed.name,
              uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: running ? seed.replicas : 0,
          selector: { matchLabels: { app: seed.name, [POD_TEMPLATE_HASH]: hash } },
          template: labelled,
        },
        status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
      };
      previousNames.push(name);
      this.replicaSets.set(key(rs), rs);
      if (running) {
        for (let i = 0; i < seed.replicas; i++) {
          this.startPod(rs, true);
        }
      }
    });
    const generation = seed.history.length;
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: seed.name,
        namespace: seed.namespace,
        uid,
        generation,
        resourceVersion: this.nextResourceVersion(),
        creationTimestamp: this.iso(-3600 * seed.history.length),
        labels: { app: seed.name },
        annotations: { [REVISION]: String(seed.history.length), ...annotationsFor(last, previousNames.at(-2)) },
      },
      spec: {
        replicas: seed.replicas,
        selector: { matchLabels: { app: seed.name } },
        template: templateFor(last),
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: seed.maxSurge ?? 1, maxUnavailable: seed.maxUnavailable ?? 0 },
        },
        progressDeadlineSeconds: seed.progressDeadlineSeconds ?? DEFAULT_DEADLINE,
        revisionHistoryLimit: 10,
        minReadySeconds: 0,
        paused: seed.paused || undefined,
      },
      status: {
        observedGeneration: generation,
        replicas: seed.replicas,
        updatedReplicas: seed.replicas,
        readyReplicas: seed.replicas,
        availableReplicas: seed.replicas,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastUpdateTime: this.iso(-60),
            lastTransitionTime: this.iso(-60),
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${previousNames.at(-1)}" has successfully progressed.`,
            lastUpdateTime: this.iso(-60),
            lastTransitionTime: this.iso(-3600),
          },
        ],
      },
    };
    this.deployments.set(key(deployment), deployment);
  }
}

function key(object: { metadata: { namespace?: string; name: string } }): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}
