import type {
  DescribeImagesCommandInput,
  DescribeImagesCommandOutput,
  DescribeRepositoriesCommandInput,
  DescribeRepositoriesCommandOutput,
  ImageDetail,
} from '@aws-sdk/client-ecr';
import type {
  Deployment,
  DescribeServicesCommandInput,
  DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommandInput,
  DescribeTaskDefinitionCommandOutput,
  DescribeTasksCommandInput,
  DescribeTasksCommandOutput,
  ListTasksCommandInput,
  ListTasksCommandOutput,
  RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommandOutput,
  Service,
  Tag,
  Task,
  TaskDefinition,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput,
} from '@aws-sdk/client-ecs';

/** How tasks of a revision behave once a deployment starts them. */
export type Behaviour = 'healthy' | 'pull-error' | 'init-error' | 'crash' | 'health-fail' | 'stuck';

export interface FakeWorldOptions {
  readonly desiredCount?: number;
  readonly circuitBreaker?: { readonly enable: boolean; readonly rollback: boolean };
  /** Release images in ECR: version → commit (digest derived). */
  readonly releases?: Readonly<Record<string, string>>;
  /** Version running at the start (a Slipway-tagged revision :1 pinned to its digest). */
  readonly runningVersion?: string;
  /** Simulated seconds between two steps of the world. */
  readonly stepSeconds?: number;
  /** Catch up with this clock on every call (for tests that run in real time). */
  readonly liveClock?: () => number;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
export const FAKE_CLUSTER = 'slipway-production';
export const FAKE_SERVICE = 'api';
export const FAKE_CONTAINER = 'api';
export const FAKE_REPOSITORY = 'slipway/api';
export const FAKE_REPOSITORY_URI = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${FAKE_REPOSITORY}`;

export function fakeDigest(version: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++)
    hex += ((version.charCodeAt(i % version.length) * (i + 7)) % 256).toString(16).padStart(2, '0');
  return `sha256:${hex.slice(0, 64)}`;
}

export function awsError(name: string, message = name, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

interface StoredDefinition {
  definition: TaskDefinition;
  tags: Tag[];
}

/**
 * An in-memory ECS service + ECR repository that moves when told to (`advanceTo`), shaped like
 * the real API responses. Tests wire its methods to aws-sdk-client-mock; time is the test's clock.
 */
export class FakeEcsWorld {
  readonly calls: string[] = [];
  readonly service: Service;
  readonly definitions = new Map<string, StoredDefinition>();
  readonly tasks = new Map<string, Task>();
  readonly images: ImageDetail[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly faults: Array<{ operation: string; error: Error; times: number }> = [];
  private counter = 1000;
  private revision = 0;
  private lastStep = 0;
  private readonly stepMs: number;
  private readonly liveClock?: () => number;

  constructor(options: FakeWorldOptions = {}, now = Date.UTC(2026, 0, 1, 3, 0, 0)) {
    this.stepMs = (options.stepSeconds ?? 5) * 1000;
    this.liveClock = options.liveClock;
    this.lastStep = now;
    const releases = options.releases ?? { 'v1.1.0': 'a'.repeat(40), 'v1.2.0': 'b'.repeat(40) };
    for (const [version, commit] of Object.entries(releases)) {
      this.images.push({
        repositoryName: FAKE_REPOSITORY,
        imageDigest: fakeDigest(version),
        imageTags: [version, `sha-${commit}`],
        imagePushedAt: new Date(now - 86_400_000),
      });
    }
    const running = options.runningVersion ?? 'v1.1.0';
    const arn = this.store(
      {
        family: 'api',
        taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/api-task`,
        executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/api-exec`,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: FAKE_CONTAINER,
            image: `${FAKE_REPOSITORY_URI}@${fakeDigest(running)}`,
            essential: true,
            portMappings: [{ containerPort: 3000 }],
          },
          { name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: false },
        ],
      },
      [
        { key: 'team', value: 'platform' },
        { key: 'slipway:version', value: running },
        { key: 'slipway:commit', value: releases[running] ?? '' },
      ],
    );
    const desired = options.desiredCount ?? 2;
    this.service = {
      serviceName: FAKE_SERVICE,
      serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${FAKE_CLUSTER}/${FAKE_SERVICE}`,
      clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${FAKE_CLUSTER}`,
      status: 'ACTIVE',
      desiredCount: desired,
      runningCount: desired,
      pendingCount: 0,
      taskDefinition: arn,
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: options.circuitBreaker ?? { enable: true, rollback: true },
      },
      deployments: [this.deployment(arn, desired, 'COMPLETED', now - 3_600_000, desired)],
      events: [
        {
          id: 'evt-0',
          createdAt: new Date(now - 3_000_000),
          message: `(service ${FAKE_SERVICE}) has reached a steady state.`,
        },
      ],
    };
  }

  /** Tasks of revisions running `version` behave like this (default healthy). */
  behave(version: string, behaviour: Behaviour): this {
    this.behaviours.set(fakeDigest(version), behaviour);
    return this;
  }

  /** The next `times` calls of `operation` (e.g. `DescribeServices`) fail with `error`. */
  fail(operation: string, error: Error, times = 1): this {
    this.faults.push({ operation, error, times });
    return this;
  }

  /** Moves the world forward to `now`, one step per `stepSeconds`. */
  advanceTo(now: number): void {
    while (now - this.lastStep >= this.stepMs) {
      this.lastStep += this.stepMs;
      this.step(new Date(this.lastStep));
    }
  }

  /** Starts a deployment as someone else would (for supersede and guard tests). */
  startForeignDeployment(version: string, now: number): string {
    const source = this.definitions.get(this.service.taskDefinition ?? '')!;
    const arn = this.store(
      {
        ...source.definition,
        containerDefinitions: source.definition.containerDefinitions?.map((c) =>
          c.name === FAKE_CONTAINER ? { ...c, image: `${FAKE_REPOSITORY_URI}@${fakeDigest(version)}` } : c,
        ),
      },
      [],
    );
    return this.startDeployment(arn, new Date(now)).id ?? '';
  }

  primary(): Deployment {
    return this.service.deployments!.find((d) => d.status === 'PRIMARY')!;
  }

  mutatingCalls(): string[] {
    return this.calls.filter((c) => c === 'RegisterTaskDefinition' || c === 'UpdateService');
  }

  // --- API handlers ---------------------------------------------------------------------------

  async describeRepositories(input: DescribeRepositoriesCommandInput): Promise<DescribeRepositoriesCommandOutput> {
    this.enter('DescribeRepositories');
    const name = input.repositoryNames?.[0];
    if (name !== FAKE_REPOSITORY)
      throw awsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`,
      );
    return out({ repositories: [{ repositoryName: name, repositoryUri: FAKE_REPOSITORY_URI, registryId: ACCOUNT }] });
  }

  async describeImages(input: DescribeImagesCommandInput): Promise<DescribeImagesCommandOutput> {
    this.enter('DescribeImages');
    const tag = input.imageIds?.[0]?.imageTag;
    if (tag !== undefined) {
      const found = this.images.filter((i) => i.imageTags?.includes(tag));
      if (found.length === 0)
        throw awsError(
          'ImageNotFoundException',
          `The image with imageId {imageDigest:'null', imageTag:'${tag}'} does not exist within the repository`,
        );
      return out({ imageDetails: found });
    }
    return out({ imageDetails: this.images.filter((i) => (i.imageTags ?? []).length > 0) });
  }

  async describeServices(input: DescribeServicesCommandInput): Promise<DescribeServicesCommandOutput> {
    this.enter('DescribeServices');
    this.assertCluster(input.cluster);
    const name = input.services?.[0];
    if (name !== FAKE_SERVICE)
      return out({
        services: [],
        failures: [{ arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${FAKE_CLUSTER}/${name}`, reason: 'MISSING' }],
      });
    return out({ services: [structuredClone(this.service)], failures: [] });
  }

  async describeTaskDefinition(
    input: DescribeTaskDefinitionCommandInput,
  ): Promise<DescribeTaskDefinitionCommandOutput> {
    this.enter('DescribeTaskDefinition');
    const stored = this.definitions.get(input.taskDefinition ?? '');
    if (!stored) throw awsError('ClientException', 'Unable to describe task definition.');
    return out({
      taskDefinition: structuredClone(stored.definition),
      tags: input.include?.includes('TAGS') ? structuredClone(stored.tags) : undefined,
    });
  }

  async registerTaskDefinition(
    input: RegisterTaskDefinitionCommandInput,
  ): Promise<RegisterTaskDefinitionCommandOutput> {
    this.enter('RegisterTaskDefinition');
    for (const key of [
      'taskDefinitionArn',
      'revision',
      'status',
      'registeredAt',
      'registeredBy',
      'compatibilities',
      'requiresAttributes',
    ]) {
      if (key in input) throw awsError('ClientException', `Unexpected key '${key}' found in params`);
    }
    const { tags, ...definition } = input;
    const arn = this.store(definition as TaskDefinition, tags ?? []);
    return out({ taskDefinition: structuredClone(this.definitions.get(arn)!.definition), tags });
  }

  async updateService(input: UpdateServiceCommandInput): Promise<UpdateServiceCommandOutput> {
    this.enter('UpdateService');
    this.assertCluster(input.cluster);
    if (input.service !== FAKE_SERVICE) throw awsError('ServiceNotFoundException', 'Service not found.');
    const arn = input.taskDefinition ?? '';
    if (!this.definitions.has(arn)) throw awsError('ClientException', 'TaskDefinition not found.');
    if (arn !== this.service.taskDefinition) this.startDeployment(arn, new Date(this.lastStep));
    return out({ service: structuredClone(this.service) });
  }

  async listTasks(input: ListTasksCommandInput): Promise<ListTasksCommandOutput> {
    this.enter('ListTasks');
    this.assertCluster(input.cluster);
    const arns = [...this.tasks.values()]
      .filter(
        (t) =>
          (!input.startedBy || t.startedBy === input.startedBy) &&
          (!input.desiredStatus || t.desiredStatus === input.desiredStatus),
      )
      .map((t) => t.taskArn ?? '');
    return out({ taskArns: arns });
  }

  async describeTasks(input: DescribeTasksCommandInput): Promise<DescribeTasksCommandOutput> {
    this.enter('DescribeTasks');
    return out({
      tasks: (input.tasks ?? [])
        .map((arn) => structuredClone(this.tasks.get(arn)))
        .filter((t): t is Task => t !== undefined),
      failures: [],
    });
  }

  // --- the world moving -----------------------------------------------------------------------

  private step(at: Date): void {
    const primary = this.primary();
    if (primary.rolloutState !== 'IN_PROGRESS') return;
    const image =
      this.definitions
        .get(primary.taskDefinition ?? '')
        ?.definition.containerDefinitions?.find((c) => c.name === FAKE_CONTAINER)?.image ?? '';
    const behaviour = this.behaviours.get(image.slice(image.indexOf('@') + 1)) ?? 'healthy';
    switch (behaviour) {
      case 'stuck':
        return;
      case 'healthy':
        return this.progress(primary, at);
      case 'pull-error':
        return this.failTask(primary, at, {
          stopCode: 'TaskFailedToStart',
          stoppedReason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: not found`,
          exitCode: undefined,
        });
      case 'init-error':
        return this.failTask(primary, at, {
          stopCode: 'TaskFailedToStart',
          stoppedReason:
            'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed',
          exitCode: undefined,
        });
      case 'crash':
        return this.failTask(primary, at, {
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          exitCode: 1,
        });
      case 'health-fail':
        return this.failTask(primary, at, {
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason:
            'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/abc)',
          exitCode: 137,
        });
    }
  }

  private progress(primary: Deployment, at: Date): void {
    const desired = primary.desiredCount ?? 0;
    if ((primary.runningCount ?? 0) < desired) {
      primary.runningCount = (primary.runningCount ?? 0) + 1;
      primary.updatedAt = at;
      this.event(at, `(service ${FAKE_SERVICE}) has started 1 tasks: (task ${this.nextId()}).`);
      return;
    }
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
    primary.updatedAt = at;
    this.service.deployments = [primary];
    this.event(at, `(service ${FAKE_SERVICE}) deployment ${primary.id} deployment completed.`);
    this.event(at, `(service ${FAKE_SERVICE}) has reached a steady state.`);
  }

  private failTask(
    primary: Deployment,
    at: Date,
    stop: { stopCode: Task['stopCode']; stoppedReason: string; exitCode?: number },
  ): void {
    const id = this.nextId();
    const taskArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${FAKE_CLUSTER}/${id}`;
    this.tasks.set(taskArn, {
      taskArn,
      startedBy: primary.id,
      taskDefinitionArn: primary.taskDefinition,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: stop.stopCode,
      stoppedReason: stop.stoppedReason,
      stoppedAt: at,
      containers: [
        {
          name: FAKE_CONTAINER,
          exitCode: stop.exitCode,
          reason: stop.stopCode === 'TaskFailedToStart' ? stop.stoppedReason.split(':')[0] : undefined,
          lastStatus: 'STOPPED',
        },
      ],
    });
    primary.failedTasks = (primary.failedTasks ?? 0) + 1;
    primary.updatedAt = at;
    this.event(at, `(service ${FAKE_SERVICE}) has started 1 tasks: (task ${id}).`);
    const breaker = this.service.deploymentConfiguration?.deploymentCircuitBreaker;
    if (breaker?.enable && (primary.failedTasks ?? 0) >= 3) {
      primary.rolloutState = 'FAILED';
      primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
      this.event(at, `(service ${FAKE_SERVICE}) deployment ${primary.id} deployment failed: tasks failed to start.`);
      const previous = this.service.deployments!.find((d) => d !== primary && d.rolloutState === 'COMPLETED');
      if (breaker.rollback && previous?.taskDefinition) {
        this.event(at, `(service ${FAKE_SERVICE}) rolling back to deployment ${previous.id}.`);
        this.startDeployment(previous.taskDefinition, at);
      }
    }
  }

  private startDeployment(taskDefinition: string, at: Date): Deployment {
    for (const d of this.service.deployments ?? []) d.status = 'ACTIVE';
    const desired = this.service.desiredCount ?? 1;
    const deployment = this.deployment(taskDefinition, desired, 'IN_PROGRESS', at.getTime(), 0);
    this.service.deployments = [deployment, ...(this.service.deployments ?? [])];
    this.service.taskDefinition = taskDefinition;
    return deployment;
  }

  private deployment(
    taskDefinition: string,
    desired: number,
    state: Deployment['rolloutState'],
    createdAt: number,
    running: number,
  ): Deployment {
    const id = `ecs-svc/${String(++this.counter).padStart(19, '9')}`;
    return {
      id,
      status: 'PRIMARY',
      taskDefinition,
      desiredCount: desired,
      pendingCount: 0,
      runningCount: running,
      failedTasks: 0,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
      launchType: 'FARGATE',
      rolloutState: state,
      rolloutStateReason:
        state === 'COMPLETED' ? `ECS deployment ${id} completed.` : 'ECS deployment ecs-svc in progress.',
    };
  }

  private store(definition: TaskDefinition, tags: Tag[]): string {
    const revision = ++this.revision;
    const arn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${definition.family}:${revision}`;
    this.definitions.set(arn, {
      definition: {
        ...definition,
        taskDefinitionArn: arn,
        revision,
        status: 'ACTIVE',
        compatibilities: ['EC2', 'FARGATE'],
        registeredAt: new Date(this.lastStep),
        registeredBy: `arn:aws:iam::${ACCOUNT}:role/deployer`,
      },
      tags,
    });
    return arn;
  }

  private event(at: Date, message: string): void {
    this.service.events = [
      { id: `evt-${this.nextId()}`, createdAt: at, message },
      ...(this.service.events ?? []),
    ].slice(0, 100);
  }

  private nextId(): string {
    return (++this.counter).toString(16).padStart(32, '0');
  }

  private enter(operation: string): void {
    if (this.liveClock) this.advanceTo(this.liveClock());
    this.calls.push(operation);
    const fault = this.faults.find((f) => f.operation === operation && f.times > 0);
    if (fault) {
      fault.times--;
      throw fault.error;
    }
  }

  private assertCluster(cluster: string | undefined): void {
    if (cluster !== FAKE_CLUSTER) throw awsError('ClusterNotFoundException', 'Cluster not found.');
  }
}

function out<T extends object>(body: T): T & { $metadata: { httpStatusCode: number } } {
  return { ...body, $metadata: { httpStatusCode: 200 } };
}
