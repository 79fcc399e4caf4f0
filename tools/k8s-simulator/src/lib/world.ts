import { type SimClock, Scheduler } from '@slipway/ecs-simulator';
import { syncDeployment } from './controller';
import type { Deployment, ReplicaSet } from './objects';
import { REVISION } from './objects';
import { isAvailable, renderPod, type SimPod } from './pods';
import type { FakeOciRegistry } from './registry';
import type { Scenario } from './scenario';
import { seedDeployment } from './seed';

export interface TimelineEntry {
  readonly at: number;
  readonly event: string;
  readonly detail: string;
}

const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/**
 * The cluster's state in simulated time: Deployments, ReplicaSets and pods, the transitions still
 * to come, and the timeline. The Deployment controller (`controller.ts`) and the kubelet
 * (`kubelet.ts`) move it along; `seed.ts` gives it its history.
 */
export class World {
  readonly deployments = new Map<string, Deployment>();
  readonly replicaSets = new Map<string, ReplicaSet>();
  readonly pods = new Map<string, SimPod>();
  readonly namespaces = new Set<string>();
  readonly timeline: TimelineEntry[] = [];
  readonly scheduler = new Scheduler();
  /** Deadline checks already scheduled, per deployment and progress instant. */
  readonly deadlineChecks = new Set<string>();
  podCounter = 0;
  private resourceVersion = 1000;

  constructor(
    private readonly clock: SimClock,
    readonly scenario: Scenario,
    readonly registry: FakeOciRegistry,
    readonly registryHost: string,
  ) {
    for (const seed of scenario.deployments ?? []) this.namespaces.add(seed.namespace);
    for (const namespace of scenario.namespaces ?? []) this.namespaces.add(namespace);
    for (const seed of scenario.deployments ?? []) seedDeployment(this, seed);
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

  secondsOf(iso: string): number {
    return (Date.parse(iso) - EPOCH) / 1000;
  }

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

  ownedBy(deployment: Deployment): ReplicaSet[] {
    return [...this.replicaSets.values()].filter((rs) =>
      rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === deployment.metadata.uid),
    );
  }

  podsOf(rs: ReplicaSet): SimPod[] {
    return [...this.pods.values()].filter((p) => !p.deleted && p.owner === rs);
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
      this.scheduler.schedule(this.now + (this.scenario.controllerDelay ?? 0), () => syncDeployment(this, key(stored)));
    return stored;
  }

  /** The Deployment controller watches pods: a pod's change syncs its owner's Deployment. */
  podChanged(pod: SimPod): void {
    const owner = pod.owner.metadata.ownerReferences?.[0];
    const deployment = [...this.deployments.values()].find((d) => d.metadata.uid === owner?.uid);
    if (deployment) syncDeployment(this, key(deployment));
  }

  record(event: string, detail: string): void {
    this.timeline.push({ at: this.now, event, detail });
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
}

export function key(object: { metadata: { namespace?: string; name: string } }): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}
