import type { KubeApi, Listed, Watched, WatchEvents, WatchQuery } from '../kube-api';
import { toProviderError } from '../kube-errors';
import type { V1Deployment, V1Pod, V1ReplicaSet } from '../objects';
import type { JsonPatchOperation } from '../patches';

export interface FakeKubeCall {
  readonly method: keyof Omit<KubeApi, 'endpoint' | 'context' | 'namespace'>;
  readonly args: readonly unknown[];
}

/** A watch the provider opened: the test pushes events into it. */
export interface FakeWatch {
  readonly resource: keyof Watched;
  readonly query: WatchQuery;
  readonly events: WatchEvents<unknown>;
  stopped: boolean;
}

/**
 * An in-memory KubeApi for the provider's unit tests: it serves what the test put in it and
 * records every call. `onPatch` decides what a patch does (the simulator in tools/k8s-simulator
 * runs the real semantics; these tests only check what the provider sends and concludes).
 */
export class FakeKubeApi implements KubeApi {
  readonly endpoint = 'https://127.0.0.1:6443 (context test)';
  readonly context = 'test';
  readonly namespace = 'prod';
  readonly calls: FakeKubeCall[] = [];
  deployment?: V1Deployment;
  replicaSets: V1ReplicaSet[] = [];
  pods: V1Pod[] = [];
  namespacePresent: boolean | undefined = true;
  onPatch: (deployment: V1Deployment, patch: readonly JsonPatchOperation[]) => V1Deployment = (deployment) =>
    deployment;
  failures = new Map<string, unknown>();
  /** Every list answers at this resourceVersion. */
  resourceVersion = '100';
  readonly watches: FakeWatch[] = [];

  private async answer<T>(method: FakeKubeCall['method'], args: unknown[], value: () => T): Promise<T> {
    this.calls.push({ method, args });
    // Errors come out as the real adapter's do: ProviderErrors naming the operation.
    try {
      const failure = this.failures.get(method);
      if (failure !== undefined) throw failure;
      return structuredClone(value());
    } catch (error) {
      throw toProviderError(method, error);
    }
  }

  readDeployment(name: string) {
    return this.answer('readDeployment', [name], () => {
      if (!this.deployment) throw Object.assign(new Error('not found'), { code: 404 });
      return this.deployment;
    });
  }

  listDeployments(fieldSelector: string) {
    return this.answer('listDeployments', [fieldSelector], () => this.listed(this.deployment ? [this.deployment] : []));
  }

  patchDeployment(name: string, patch: readonly JsonPatchOperation[]) {
    return this.answer('patchDeployment', [name, patch], () => {
      this.deployment = this.onPatch(this.deployment!, patch);
      return this.deployment;
    });
  }

  listReplicaSets(labelSelector: string) {
    return this.answer('listReplicaSets', [labelSelector], () => this.listed(this.replicaSets));
  }

  readReplicaSet(name: string) {
    return this.answer('readReplicaSet', [name], () => {
      const found = this.replicaSets.find((rs) => rs.metadata?.name === name);
      if (!found) throw Object.assign(new Error('not found'), { code: 404 });
      return found;
    });
  }

  listPods(labelSelector: string) {
    return this.answer('listPods', [labelSelector], () => this.listed(this.pods));
  }

  namespaceExists() {
    return this.answer('namespaceExists', [], () => this.namespacePresent);
  }

  async watch<R extends keyof Watched>(resource: R, query: WatchQuery, events: WatchEvents<Watched[R]>) {
    this.calls.push({ method: 'watch', args: [resource, query] });
    const failure = this.failures.get('watch');
    if (failure !== undefined) throw toProviderError('watch', failure);
    const watch: FakeWatch = { resource, query, events: events as WatchEvents<unknown>, stopped: false };
    this.watches.push(watch);
    return () => {
      watch.stopped = true;
    };
  }

  /** Sends an event to the open watches of `resource`. */
  push(resource: keyof Watched, type: string, object: unknown): void {
    for (const watch of this.watches)
      if (watch.resource === resource && !watch.stopped) watch.events.event(type, object);
  }

  private listed<T>(items: T[]): Listed<T> {
    return { items, resourceVersion: this.resourceVersion };
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}
