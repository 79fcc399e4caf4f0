import type { ApiObject, Resource } from './objects';
import { apiVersionOf, servedResource } from './resources';
import type { World } from './world';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/** What a BOOKMARK event carries: the version the watch has reached, and nothing else. */
export interface Bookmark {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly resourceVersion: string; readonly annotations: Record<string, string> };
}

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: ApiObject | Bookmark;
}

/** Which objects a list or a watch asks for. */
export interface Selection {
  readonly resource: Resource;
  /** Absent: every namespace. */
  readonly namespace?: string;
  readonly matches: (object: ApiObject) => boolean;
}

export interface WatchOptions {
  /** `resourceVersion` of the request; absent or `0`: start from the current state, sent as ADDED events. */
  readonly from?: number;
  /** `sendInitialEvents=true` (kubectl ≥ 1.35's watch-list): the current state, then a bookmark that ends it. */
  readonly sendInitialEvents?: boolean;
}

/** Where a watch's events go: the HTTP stream (which may wrap each object in a Table). */
export interface WatchSink {
  send(event: { readonly type: WatchEventType; readonly object: unknown }): void;
  end(): void;
}

interface Change {
  readonly version: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly resource: Resource;
  readonly object: ApiObject;
  readonly previous?: ApiObject;
}

interface Stored {
  readonly resource: Resource;
  readonly object: ApiObject;
  readonly canonical: string;
}

interface Watcher {
  readonly selection: Selection;
  readonly sink: WatchSink;
}

/**
 * What kube-apiserver's watch cache does, for the simulator's world. Each object gets a new
 * resourceVersion whenever it changes (one counter for every resource, as etcd's revision); lists
 * answer at the current version; a watch replays every change after the version it names and
 * then follows, with objects that start or stop matching its selector sent as ADDED or DELETED.
 * A version older than the history kept (see `compact`) is 410 Gone.
 */
export class WatchCache {
  private version = 1000;
  private readonly stored = new Map<string, Stored>();
  private history: Change[] = [];
  /** The oldest version a watch may start from. */
  private oldest = this.version;
  private readonly watchers = new Set<Watcher>();
  /** Called after every sync: the simulator re-arms its clock for the next transition. */
  afterSync?: () => void;

  constructor(
    private readonly world: World,
    private readonly historyLimit = 5_000,
  ) {
    this.sync();
  }

  get resourceVersion(): string {
    return String(this.version);
  }

  /** The oldest version a watch may start from; older ones are 410 Gone. */
  get oldestVersion(): number {
    return this.oldest;
  }

  canWatchFrom(from: number | undefined): boolean {
    return from === undefined || from === 0 || from >= this.oldest;
  }

  /** Brings the world up to now, then versions what changed. */
  refresh(): void {
    this.world.advance();
    this.sync();
  }

  /** Versions every object that changed since the last sync and tells the watchers. */
  sync(): void {
    const seen = new Set<string>();
    for (const { resource, object } of this.world.objects()) {
      const key = keyOf(resource, object);
      seen.add(key);
      const copy = structuredClone(object);
      delete copy.metadata.resourceVersion;
      const canonical = JSON.stringify(copy);
      const before = this.stored.get(key);
      if (before?.canonical === canonical) continue;
      copy.metadata.resourceVersion = String(++this.version);
      this.stored.set(key, { resource, object: copy, canonical });
      this.publish({
        version: this.version,
        type: before ? 'MODIFIED' : 'ADDED',
        resource,
        object: copy,
        previous: before?.object,
      });
    }
    for (const [key, { resource, object }] of this.stored) {
      if (seen.has(key)) continue;
      this.stored.delete(key);
      const gone = structuredClone(object);
      gone.metadata.resourceVersion = String(++this.version);
      this.publish({ version: this.version, type: 'DELETED', resource, object: gone, previous: object });
    }
    this.afterSync?.();
  }

  list(selection: Selection): ApiObject[] {
    return [...this.stored.values()]
      .filter((entry) => entry.resource === selection.resource && inScope(selection, entry.object))
      .map((entry) => entry.object)
      .filter(selection.matches);
  }

  get(resource: Resource, namespace: string, name: string): ApiObject | undefined {
    return this.stored.get(`${resource}/${namespace}/${name}`)?.object;
  }

  /** Starts a watch (ask `canWatchFrom` first); returns the function that stops it. */
  watch(selection: Selection, options: WatchOptions, sink: WatchSink): () => void {
    const { from, sendInitialEvents } = options;
    if (!this.canWatchFrom(from)) throw new Error(`resourceVersion ${from} is older than ${this.oldest}`);
    if (from === undefined || from === 0 || sendInitialEvents) {
      for (const object of this.list(selection)) sink.send({ type: 'ADDED', object });
      if (sendInitialEvents) sink.send({ type: 'BOOKMARK', object: this.bookmark(selection.resource) });
    } else {
      for (const change of this.history) if (change.version > from) deliver(selection, sink, change);
    }
    const watcher = { selection, sink };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Forgets the history, as etcd's compaction does: watches from any older version get 410 Gone. */
  compact(): void {
    this.history = [];
    this.oldest = this.version;
  }

  /** Ends every watch (the simulator is closing or starting another world). */
  close(): void {
    for (const watcher of this.watchers) watcher.sink.end();
    this.watchers.clear();
  }

  private publish(change: Change): void {
    this.history.push(change);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.oldest = dropped[dropped.length - 1].version;
    }
    for (const watcher of this.watchers) deliver(watcher.selection, watcher.sink, change);
  }

  private bookmark(resource: Resource): Bookmark {
    const info = servedResource(resource);
    return {
      apiVersion: apiVersionOf(info),
      kind: info.kind,
      metadata: { resourceVersion: this.resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } },
    };
  }
}

/** A change as one watcher sees it: objects entering or leaving its selection are ADDED or DELETED. */
function deliver(selection: Selection, sink: WatchSink, change: Change): void {
  if (change.resource !== selection.resource || !inScope(selection, change.object)) return;
  const was = change.previous !== undefined && selection.matches(change.previous);
  const is = change.type !== 'DELETED' && selection.matches(change.object);
  if (is) sink.send({ type: was ? 'MODIFIED' : 'ADDED', object: change.object });
  else if (was) sink.send({ type: 'DELETED', object: change.object });
}

function inScope(selection: Selection, object: ApiObject): boolean {
  return selection.namespace === undefined || object.metadata.namespace === selection.namespace;
}

function keyOf(resource: Resource, object: ApiObject): string {
  return `${resource}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
