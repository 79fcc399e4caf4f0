import { randomUUID } from 'node:crypto';
import { type SimClock, Scheduler } from '@slipway/ecs-simulator';
import { syncDeployment } from './controller';
import {
  type ApiObject,
  type Deployment,
  key,
  type KubeEvent,
  type ReplicaSet,
  type Resource,
  withServerFields,
} from './objects';
import { isAvailable, NODE, renderPod, type SimPod } from './pods';
import type { FakeOciRegistry } from './registry';
import type { Scenario } from './scenario';
import { seedDeployment } from './seed';

export interface TimelineEntry {
  readonly at: number;
  /** The real instant of `at` (ms since the Unix epoch) on the simulator's clock. */
  readonly realTime: number;
  readonly event: string;
  readonly detail: string;
}

/** The instant of simulated second 0 unless the simulator names one (it uses its start). */
const DEFAULT_EPOCH = Date.parse('2026-01-01T00:00:00Z');

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
  /** core/v1 Events, keyed by object, reason and message (a repeat counts up, as the event recorder does). */
  readonly events = new Map<string, KubeEvent>();
  podCounter = 0;

  constructor(
    private readonly clock: SimClock,
    readonly scenario: Scenario,
    readonly registry: FakeOciRegistry,
    readonly registryHost: string,
    /** ms since the Unix epoch at simulated second 0: what timestamps count from. */
    private readonly epoch = DEFAULT_EPOCH,
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
    new Date(this.epoch + Math.round(simSeconds * 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  secondsOf(iso: string): number {
    return (Date.parse(iso) - this.epoch) / 1000;
  }

  imageOf(repository: string, tag: string): string {
    const digest = this.registry.digestOf(repository, tag) ?? this.registry.push(repository, tag);
    return `${this.registryHost}/${repository}@${digest}`;
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

  podsIn(namespace: string): (ApiObject & Record<string, unknown>)[] {
    return [...this.pods.values()]
      .filter((p) => !p.deleted && p.namespace === namespace)
      .map((p) => renderPod(p, this.iso));
  }

  /** Every object as the API serves it, for the watch cache to version. */
  objects(): { resource: Resource; object: ApiObject }[] {
    const namespaces = [...this.namespaces];
    return [
      ...[...this.deployments.values()].map((object) => ({ resource: 'deployments' as const, object })),
      ...namespaces.flatMap((ns) =>
        this.replicaSetsIn(ns).map((object) => ({ resource: 'replicasets' as const, object })),
      ),
      ...namespaces.flatMap((ns) => this.podsIn(ns).map((object) => ({ resource: 'pods' as const, object }))),
      ...[...this.events.values()].map((object) => ({ resource: 'events' as const, object })),
    ];
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
    const stored = this.storedVersionOf(before, after);
    this.deployments.set(key(stored), stored);
    this.record(
      'DEPLOYMENT_UPDATED',
      `${stored.metadata.name} generation ${stored.metadata.generation}${specChanged ? '' : ' (metadata only)'}`,
    );
    if (specChanged)
      this.scheduler.schedule(this.now + (this.scenario.controllerDelay ?? 0), () => syncDeployment(this, key(stored)));
    return stored;
  }

  /** What an update would store: identity and status kept, generation bumped when the spec changed. */
  storedVersionOf(before: Deployment, after: Deployment): Deployment {
    const specChanged = JSON.stringify(before.spec) !== JSON.stringify(after.spec);
    const metadata = {
      ...after.metadata,
      name: before.metadata.name,
      namespace: before.metadata.namespace,
      uid: before.metadata.uid,
      creationTimestamp: before.metadata.creationTimestamp,
      generation: (before.metadata.generation ?? 1) + (specChanged ? 1 : 0),
    };
    delete metadata.resourceVersion;
    const spec = { ...after.spec, template: after.spec?.template && withServerFields(after.spec.template) };
    return { ...after, metadata, spec, status: before.status };
  }

  /** The Deployment controller watches pods: a pod's change syncs its owner's Deployment. */
  podChanged(pod: SimPod): void {
    const owner = pod.owner.metadata.ownerReferences?.[0];
    const deployment = [...this.deployments.values()].find((d) => d.metadata.uid === owner?.uid);
    if (deployment) syncDeployment(this, key(deployment));
  }

  record(event: string, detail: string): void {
    this.timeline.push({ at: this.now, realTime: this.clock.realTimeOf(this.now), event, detail });
  }

  /** An Event about a Deployment or ReplicaSet (from its controller) or a pod (from the kubelet). */
  emit(about: Deployment | ReplicaSet | SimPod, type: KubeEvent['type'], reason: string, message: string): void {
    const involvedObject =
      'kind' in about
        ? {
            apiVersion: 'apps/v1',
            kind: about.kind,
            name: about.metadata.name,
            namespace: about.metadata.namespace,
            uid: about.metadata.uid,
          }
        : { apiVersion: 'v1', kind: 'Pod', name: about.name, namespace: about.namespace, uid: about.uid };
    const now = this.iso(this.now);
    const id = `${involvedObject.uid}|${reason}|${message}`;
    const repeated = this.events.get(id);
    if (repeated) {
      repeated.count++;
      repeated.lastTimestamp = now;
      return;
    }
    const component = 'kind' in about ? `${about.kind.toLowerCase()}-controller` : 'kubelet';
    this.events.set(id, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${involvedObject.name}.${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        namespace: involvedObject.namespace,
        uid: randomUUID(),
        creationTimestamp: now,
      },
      involvedObject,
      reason,
      message,
      type,
      source: component === 'kubelet' ? { component, host: NODE } : { component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? NODE : '',
    });
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
