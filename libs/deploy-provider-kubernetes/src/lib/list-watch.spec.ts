import type { Listed, WatchEvents } from './kube-api';
import { ListWatch, type ListWatchSource } from './list-watch';

interface Item {
  metadata: { name: string; resourceVersion: string };
}
const item = (name: string, resourceVersion: string): Item => ({ metadata: { name, resourceVersion } });

/** A collection on a pretend server: lists, watches that the test drives, refusals on demand. */
class Source implements ListWatchSource<Item> {
  lists: Listed<Item>[] = [];
  readonly calls: string[] = [];
  /** Answers for the next watch calls: undefined opens it, anything else is thrown. */
  refusals: unknown[] = [];
  open?: WatchEvents<Item> & { stopped: boolean };

  async list(): Promise<Listed<Item>> {
    this.calls.push('list');
    const next = this.lists.shift();
    if (!next) throw new Error('no list scripted');
    return next;
  }

  async watch(resourceVersion: string, events: WatchEvents<Item>): Promise<() => void> {
    this.calls.push(`watch ${resourceVersion}`);
    const refusal = this.refusals.shift();
    if (refusal !== undefined) throw refusal;
    const open = { ...events, stopped: false };
    this.open = open;
    return () => (open.stopped = true);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function start(source: Source) {
  const seen = { changes: 0, lost: [] as unknown[] };
  const watch = new ListWatch<Item>(
    source,
    () => seen.changes++,
    (error) => seen.lost.push(error),
  );
  return { watch, seen };
}

describe('ListWatch', () => {
  it('starts from a list, applies every event, and watches again from the last version when the server ends it', async () => {
    const source = new Source();
    source.lists = [{ items: [item('a', '5')], resourceVersion: '10' }];
    const { watch, seen } = start(source);
    await watch.start();
    source.open?.event('ADDED', item('b', '11'));
    source.open?.event('MODIFIED', item('a', '12'));
    source.open?.event('BOOKMARK', item('', '13'));
    source.open?.event('DELETED', item('b', '14'));
    expect(watch.current).toEqual([item('a', '12')]);
    expect(seen.changes).toBe(3);
    source.open?.ended();
    await settle();
    expect(source.calls).toEqual(['list', 'watch 10', 'watch 14']);
  });

  it('on 410 Gone (an ERROR event, or a refused watch), lists again before watching', async () => {
    const source = new Source();
    source.lists = [
      { items: [item('a', '5')], resourceVersion: '10' },
      { items: [item('c', '30')], resourceVersion: '31' },
      { items: [item('d', '40')], resourceVersion: '41' },
    ];
    const { watch } = start(source);
    await watch.start({ items: [item('a', '5')], resourceVersion: '10' });
    source.open?.event('ERROR', { code: 410, reason: 'Expired' } as never);
    source.open?.ended();
    await settle();
    expect(watch.current).toEqual([item('a', '5')]);
    expect(source.calls).toEqual(['watch 10', 'list', 'watch 10']);

    source.refusals = [Object.assign(new Error('Gone'), { code: 410 })];
    source.open?.ended(new Error('socket hang up'));
    await settle();
    expect(source.calls.slice(3)).toEqual(['watch 10', 'list', 'watch 31']);
    expect(watch.current).toEqual([item('c', '30')]);
  });

  it('gives up after three watches in a row are refused, and says why; stop() ends the watch', async () => {
    const source = new Source();
    source.lists = [{ items: [], resourceVersion: '1' }];
    const { watch, seen } = start(source);
    await watch.start();
    const forbidden = Object.assign(new Error('Forbidden'), { code: 403 });
    source.refusals = [forbidden, forbidden, forbidden];
    source.open?.ended();
    await settle();
    expect(seen.lost).toEqual([forbidden]);
    expect(source.calls).toEqual(['list', 'watch 1', 'watch 1', 'watch 1', 'watch 1']);

    const other = new Source();
    other.lists = [{ items: [], resourceVersion: '1' }];
    const second = start(other).watch;
    await second.start();
    second.stop();
    expect(other.open?.stopped).toBe(true);
    other.open?.ended();
    await settle();
    expect(other.calls).toEqual(['list', 'watch 1']);
  });

  it('a first watch that cannot be opened rejects start(): the caller reads instead', async () => {
    const source = new Source();
    source.refusals = [Object.assign(new Error('Forbidden'), { code: 403 })];
    await expect(start(source).watch.start({ items: [], resourceVersion: '1' })).rejects.toThrow('Forbidden');
  });
});
