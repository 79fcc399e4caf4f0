import type { SimClock } from './clock';
import { Arns, IdSequence, parseImageReference } from './ids';
import type {
  Cluster,
  ContainerDefinition,
  Image,
  Repository,
  Service,
  ServiceDeploymentEntry,
  Tag,
  Task,
  TaskDefinition,
  TimelineEntry,
} from './model';
import type { ReplaySpec, RolloutBehaviour } from './scenario';
import type { HookAction, ServiceDeployment, ServiceRevision } from './service-deployment-model';
import { Scheduler } from './scheduler';

export const DEFAULT_BEHAVIOUR: RolloutBehaviour = { kind: 'healthy', after: 60 };

export interface WorldOptions {
  region: string;
  accountId: string;
  /** Unix seconds of simulated second 0. */
  epoch: number;
  rollouts: Record<string, RolloutBehaviour>;
  /** False: the endpoint predates the service-deployments API. */
  serviceDeploymentsApi: boolean;
  replay?: ReplaySpec;
}

/** The simulated ECS + ECR world: state, simulated time and the transitions still to come. */
export class World {
  readonly scheduler = new Scheduler();
  readonly ids = new IdSequence();
  readonly arns: Arns;
  readonly clusters = new Map<string, Cluster>();
  /** Keyed by `<cluster>/<service>`. */
  readonly services = new Map<string, Service>();
  /** Per family, revision n at index n - 1. */
  readonly taskDefinitions = new Map<string, TaskDefinition[]>();
  readonly repositories = new Map<string, Repository>();
  /** Every task ever started, stopped ones included. */
  readonly tasks: Task[] = [];
  readonly timeline: TimelineEntry[] = [];
  /** The service-deployment layer's transitions, kept apart from the deployments' own. */
  readonly serviceDeploymentTimeline: ServiceDeploymentEntry[] = [];
  readonly serviceRevisions = new Map<string, ServiceRevision>();
  readonly serviceDeployments = new Map<string, ServiceDeployment>();
  /** PAUSE hooks awaiting action, by hook id: what ContinueServiceDeployment (or the timeout) resumes. */
  readonly pausedHooks = new Map<string, (action: HookAction, timedOut: boolean) => void>();

  constructor(
    readonly clock: SimClock,
    readonly options: WorldOptions,
  ) {
    this.arns = new Arns(options.region, options.accountId);
  }

  get time(): number {
    return this.scheduler.time;
  }

  /** Unix seconds (with milliseconds) of a simulated second, the way the API reports timestamps. */
  timestamp(simSeconds = this.time): number {
    return Math.round((this.options.epoch + simSeconds) * 1000) / 1000;
  }

  /** Runs every transition due by now. Called before each request is answered. */
  catchUp(): void {
    this.scheduler.runUntil(this.clock.now());
  }

  record(entry: Omit<TimelineEntry, 'simTime' | 'realTime'>): void {
    this.timeline.push({ simTime: this.time, realTime: this.clock.realTimeOf(this.time), ...entry });
  }

  recordServiceDeployment(entry: Omit<ServiceDeploymentEntry, 'simTime' | 'realTime'>): void {
    this.serviceDeploymentTimeline.push({ simTime: this.time, realTime: this.clock.realTimeOf(this.time), ...entry });
  }

  addCluster(name: string): Cluster {
    const existing = this.clusters.get(name);
    if (existing) return existing;
    const cluster = { name, arn: this.arns.cluster(name) };
    this.clusters.set(name, cluster);
    return cluster;
  }

  /** Accepts a cluster name or ARN; the API's default cluster is `default`. */
  findCluster(ref: string | undefined): Cluster | undefined {
    return this.clusters.get(lastSegment(ref ?? 'default'));
  }

  /** Accepts a service name or ARN. */
  findService(cluster: Cluster, ref: string): Service | undefined {
    return this.services.get(`${cluster.name}/${lastSegment(ref)}`);
  }

  registerTaskDefinition(family: string, body: TaskDefinition['body'], tags: Tag[]): TaskDefinition {
    const revisions = this.taskDefinitions.get(family) ?? [];
    const revision = revisions.length + 1;
    const td: TaskDefinition = {
      arn: this.arns.taskDefinition(family, revision),
      family,
      revision,
      status: 'ACTIVE',
      registeredAt: this.timestamp(),
      body,
      tags,
    };
    revisions.push(td);
    this.taskDefinitions.set(family, revisions);
    return td;
  }

  /** Accepts `family` (latest ACTIVE revision), `family:revision` or a task definition ARN. */
  findTaskDefinition(ref: string): TaskDefinition | undefined {
    const [family, revision] = lastSegment(ref).split(':');
    const revisions = this.taskDefinitions.get(family) ?? [];
    if (revision === undefined) return revisions.filter((td) => td.status === 'ACTIVE').at(-1);
    return revisions[Number(revision) - 1];
  }

  findTaskDefinitionByArn(arn: string): TaskDefinition | undefined {
    for (const revisions of this.taskDefinitions.values()) {
      const found = revisions.find((td) => td.arn === arn);
      if (found) return found;
    }
    return undefined;
  }

  /** Accepts a repository name or URI host path. */
  findRepository(name: string): Repository | undefined {
    return this.repositories.get(name);
  }

  findImage(repository: Repository, id: { imageTag?: string; imageDigest?: string }): Image | undefined {
    return repository.images.find(
      (image) =>
        (id.imageDigest === undefined || image.digest === id.imageDigest) &&
        (id.imageTag === undefined || image.tags.includes(id.imageTag)),
    );
  }

  /** The ECR image a container image reference points at, if it is in a simulated repository. */
  imageOf(reference: string): Image | undefined {
    const ref = parseImageReference(reference);
    const repository = this.findRepository(ref.repository);
    if (!repository || (ref.digest === undefined && ref.tag === undefined)) return undefined;
    return this.findImage(repository, {
      imageDigest: ref.digest,
      imageTag: ref.digest === undefined ? ref.tag : undefined,
    });
  }

  /** How a new deployment of `td` behaves: `rollouts` looked up by digest, then tags, then `default`. */
  behaviourFor(td: TaskDefinition): RolloutBehaviour {
    const container: ContainerDefinition | undefined = td.body.containerDefinitions[0];
    const rollouts = this.options.rollouts;
    if (container) {
      const ref = parseImageReference(container.image);
      const image = this.imageOf(container.image);
      const keys = [ref.digest, image?.digest, ref.tag, ...(image?.tags ?? [])];
      for (const key of keys) {
        if (key !== undefined && rollouts[key]) return rollouts[key];
      }
    }
    return rollouts['default'] ?? DEFAULT_BEHAVIOUR;
  }
}

/** `arn:...:service/cluster/name` → `name`; a plain name stays as it is. */
export function lastSegment(ref: string): string {
  return ref.startsWith('arn:') ? (ref.split('/').at(-1) ?? ref) : ref;
}
