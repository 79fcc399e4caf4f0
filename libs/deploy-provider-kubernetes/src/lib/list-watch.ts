import type { Listed, WatchEvents } from './kube-api';
import { httpStatusOf } from './kube-errors';

interface Versioned {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

/** Where a ListWatch reads its collection from: one kind, one selector. */
export interface ListWatchSource<T> {
  list(): Promise<Listed<T>>;
  watch(resourceVersion: string, events: WatchEvents<T>): Promise<() => void>;
}

/**
 * One collection kept current the way client-go's reflector does: start from a list (one already
 * read, or a new one), then watch from its resourceVersion. When the server ends a watch (at its
 * timeout, or a connection drops), watch again from the last version seen; on 410 Gone (that
 * version is older than the server keeps), list again first. `onChange` hears every change; when
 * a watch cannot be opened again `maxAttempts` times in a row, `onLost` hears why and following
 * stops: the caller reads the API instead.
 */
export class ListWatch<T extends Versioned> {
  private readonly items = new Map<string, T>();
  private version = '';
  private stopWatching?: () => void;
  private stopped = false;
  /** An ERROR event said 410 Gone: the stream that carried it is about to end. */
  private expired = false;

  constructor(
    private readonly source: ListWatchSource<T>,
    private readonly onChange: () => void,
    private readonly onLost: (error: unknown) => void,
    private readonly maxAttempts = 3,
  ) {}

  /** Resolves once the first watch is open; rejects when the list or the watch cannot be had. */
  async start(initial?: Listed<T>): Promise<void> {
    this.replace(initial ?? (await this.source.list()));
    await this.open();
  }

  /** Reads the collection (to start from, later) without following it yet. */
  list(): Promise<Listed<T>> {
    return this.source.list();
  }

  get current(): T[] {
    return [...this.items.values()];
  }

  stop(): void {
    this.stopped = true;
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private replace(listed: Listed<T>): void {
    this.items.clear();
    for (const item of listed.items) this.items.set(keyOf(item), item);
    this.version = listed.resourceVersion;
  }

  private async open(): Promise<void> {
    const stop = await this.source.watch(this.version, {
      event: (type, object) => this.apply(type, object),
      ended: (error) => void this.resume(error),
    });
    if (this.stopped) stop();
    else this.stopWatching = stop;
  }

  private apply(type: string, object: T): void {
    switch (type) {
      case 'ADDED':
      case 'MODIFIED':
        this.items.set(keyOf(object), object);
        break;
      case 'DELETED':
        this.items.delete(keyOf(object));
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        this.expired ||= isGone(object);
        return;
      default:
        return;
    }
    this.version = object.metadata?.resourceVersion ?? this.version;
    if (type !== 'BOOKMARK') this.onChange();
  }

  private async resume(error: unknown): Promise<void> {
    this.stopWatching = undefined;
    let relist = this.expired || isGone(error);
    this.expired = false;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        if (relist) {
          this.replace(await this.source.list());
          relist = false;
          this.onChange();
        }
        await this.open();
        return;
      } catch (failure) {
        relist ||= isGone(failure);
        if (attempt >= this.maxAttempts) {
          this.stop();
          this.onLost(failure);
          return;
        }
      }
    }
  }
}

/** 410 Gone, as an HTTP answer or as the Status of an ERROR event. */
function isGone(error: unknown): boolean {
  return httpStatusOf(error) === 410;
}

function keyOf(object: Versioned): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}
