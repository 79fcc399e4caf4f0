import { ProviderError } from '@slipway/deploy-engine';
import type { ContainerInfo } from '../container-info';
import type { DockerEngine } from '../docker-engine';

/** How a container of an image behaves once started, seen through successive inspects. */
export type ImageBehaviour =
  | { readonly kind: 'healthy'; readonly afterInspects?: number }
  | { readonly kind: 'unhealthy'; readonly afterInspects?: number; readonly output?: string }
  | { readonly kind: 'exits'; readonly exitCode: number; readonly afterInspects?: number }
  | { readonly kind: 'crash-loop'; readonly exitCode: number }
  | { readonly kind: 'no-healthcheck' }
  | { readonly kind: 'cannot-start'; readonly error: string };

interface FakeContainer {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  started: boolean;
  stopped: boolean;
  inspects: number;
  createdAt: Date;
}

/**
 * An in-memory Docker engine: containers created from `docker create` arguments, images that
 * behave as scripted (healthy, unhealthy, exiting, crash-looping, failing to start). Records every
 * call, so tests can check what was stopped, removed and renamed, and in which order.
 */
export class FakeDockerEngine implements DockerEngine {
  readonly host = 'unix:///fake/docker.sock';
  readonly calls: string[] = [];
  readonly images = new Set<string>();
  readonly pullable = new Set<string>();
  readonly behaviours = new Map<string, ImageBehaviour>();
  readonly containers = new Map<string, FakeContainer>();
  /** Arguments of every `docker create`. */
  readonly created: string[][] = [];
  reachable = true;
  failNext?: { operation: string; error: ProviderError };
  private sequence = 0;

  async serverVersion(): Promise<string> {
    this.record('version');
    if (!this.reachable)
      throw new ProviderError('unavailable', 'Cannot connect to the Docker daemon (fake)', 'docker:version');
    return '20.10.24';
  }

  async inspectContainer(name: string): Promise<ContainerInfo | undefined> {
    this.record(`inspect ${name}`);
    const container = this.containers.get(name);
    if (!container) return undefined;
    if (container.started && !container.stopped) container.inspects++;
    return this.describe(container);
  }

  async hasImage(image: string): Promise<boolean> {
    return this.images.has(image);
  }

  async pull(image: string): Promise<void> {
    this.record(`pull ${image}`);
    if (!this.pullable.has(image)) throw new ProviderError('not-found', `manifest unknown: ${image}`, 'docker:pull');
    this.images.add(image);
  }

  async create(args: readonly string[]): Promise<string> {
    this.record(`create ${args[args.indexOf('--name') + 1]}`);
    this.created.push([...args]);
    const name = args[args.indexOf('--name') + 1];
    if (this.containers.has(name))
      throw new ProviderError('invalid', `Conflict. The container name "/${name}" is already in use`, 'docker:create');
    const image = args[args.length - 1];
    if (!this.images.has(image)) throw new ProviderError('not-found', `No such image: ${image}`, 'docker:create');
    const labels: Record<string, string> = {};
    args.forEach((arg, i) => {
      if (arg !== '--label') return;
      const [key, ...rest] = args[i + 1].split('=');
      labels[key] = rest.join('=');
    });
    const id = `${String(++this.sequence).padStart(4, '0')}${'f'.repeat(60)}`;
    this.containers.set(name, {
      id,
      name,
      image,
      labels,
      started: false,
      stopped: false,
      inspects: 0,
      createdAt: new Date(Date.UTC(2026, 0, 1, 3, 0, this.sequence)),
    });
    return id;
  }

  async start(name: string): Promise<void> {
    this.record(`start ${name}`);
    const container = this.mustGet(name, 'docker:start');
    container.started = true;
    container.stopped = false;
    container.inspects = 0;
    const behaviour = this.behaviourOf(container.image);
    if (behaviour.kind === 'cannot-start') throw new ProviderError('unknown', behaviour.error, 'docker:start');
  }

  async stop(name: string): Promise<void> {
    this.record(`stop ${name}`);
    this.mustGet(name, 'docker:stop').stopped = true;
  }

  async remove(name: string): Promise<void> {
    this.record(`rm ${name}`);
    this.containers.delete(name);
  }

  async rename(from: string, to: string): Promise<void> {
    this.record(`rename ${from} ${to}`);
    const container = this.mustGet(from, 'docker:rename');
    if (this.containers.has(to)) throw new ProviderError('invalid', `Conflict: ${to} exists`, 'docker:rename');
    this.containers.delete(from);
    container.name = to;
    this.containers.set(to, container);
  }

  /** Puts a container in place as if an earlier deploy had created and started it. */
  async seed(args: readonly string[], behaviour: ImageBehaviour = { kind: 'healthy' }): Promise<void> {
    const image = args[args.length - 1];
    this.images.add(image);
    this.behaviours.set(image, behaviour);
    await this.create(args);
    const name = args[args.indexOf('--name') + 1];
    await this.start(name);
    this.mustGet(name, 'seed').inspects = 100;
    this.calls.length = 0;
  }

  private describe(container: FakeContainer): ContainerInfo {
    const base = {
      id: container.id,
      name: container.name,
      image: container.image,
      labels: container.labels,
      error: '',
      oomKilled: false,
      restartCount: 0,
      createdAt: container.createdAt,
    };
    if (!container.started) {
      const behaviour = this.behaviourOf(container.image);
      const error = behaviour.kind === 'cannot-start' ? behaviour.error : '';
      return { ...base, status: 'created', exitCode: error ? 128 : 0, error };
    }
    if (container.stopped) return { ...base, status: 'exited', exitCode: 0, finishedAt: container.createdAt };
    const startedAt = container.createdAt;
    const behaviour = this.behaviourOf(container.image);
    const reached = (after = 1) => container.inspects >= after;
    switch (behaviour.kind) {
      case 'healthy':
        return {
          ...base,
          status: 'running',
          exitCode: 0,
          startedAt,
          health: health(reached(behaviour.afterInspects) ? 'healthy' : 'starting'),
        };
      case 'unhealthy':
        return {
          ...base,
          status: 'running',
          exitCode: 0,
          startedAt,
          health: reached(behaviour.afterInspects)
            ? health('unhealthy', behaviour.output ?? 'HTTP 503')
            : health('starting'),
        };
      case 'exits':
        return reached(behaviour.afterInspects)
          ? { ...base, status: 'exited', exitCode: behaviour.exitCode, startedAt, finishedAt: startedAt }
          : { ...base, status: 'running', exitCode: 0, startedAt, health: health('starting') };
      case 'crash-loop':
        return {
          ...base,
          status: 'restarting',
          exitCode: behaviour.exitCode,
          restartCount: container.inspects,
          startedAt,
        };
      case 'no-healthcheck':
        return { ...base, status: 'running', exitCode: 0, startedAt };
      case 'cannot-start':
        return { ...base, status: 'created', exitCode: 128, error: behaviour.error };
    }
  }

  private behaviourOf(image: string): ImageBehaviour {
    return this.behaviours.get(image) ?? { kind: 'healthy' };
  }

  private mustGet(name: string, operation: string): FakeContainer {
    const container = this.containers.get(name);
    if (!container) throw new ProviderError('not-found', `No such container: ${name}`, operation);
    return container;
  }

  private record(call: string): void {
    this.calls.push(call);
    const failure = this.failNext;
    if (failure && call.startsWith(failure.operation)) {
      this.failNext = undefined;
      throw failure.error;
    }
  }
}

function health(status: string, failingOutput?: string) {
  const start = new Date(Date.UTC(2026, 0, 1, 3, 1, 0));
  const log = failingOutput
    ? [1, 2, 3].map((n) => ({
        start: new Date(start.getTime() + n * 1000),
        end: new Date(start.getTime() + n * 1000 + 50),
        exitCode: 1,
        output: failingOutput,
      }))
    : [];
  return { status, failingStreak: failingOutput ? 3 : 0, log };
}
