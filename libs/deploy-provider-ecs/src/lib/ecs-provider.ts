import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type Tag,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import {
  ApplyIncompleteError,
  type DeployProvider,
  type HookDecision,
  type PlatformDeployment,
  type EnvironmentStatus,
  type ImageResolution,
  type Observation,
  ProviderError,
  type ReleasePlan,
  type ResolvedImage,
  type RevisionRef,
  type RolloutHandle,
  type StoppedTask,
  type TargetState,
} from '@slipway/deploy-engine';
import { awsCall, toProviderError } from './aws-errors';
import { DeploymentFollower, type Followed } from './deployment-follower';
import { deploymentPolicyOf } from './deployment-view';
import { EcrImages } from './ecr-images';
import { continueServiceDeployment, stopServiceDeployment } from './service-deployment-calls';
import { deploymentFor, eventsOf, hasPlatformRollback, rolloutsOf, stableTaskDefinition } from './service-state';
import type { EcsSettings } from './settings';
import { toStoppedTask } from './stopped-tasks';
import {
  buildNextTaskDefinition,
  ContainerNotFoundError,
  describeChanges,
  digestOf,
  labelOf,
  toRevisionRef,
} from './task-definition';
import { failureSignal, fingerprint, needsServiceRead, needsStoppedTasks } from './watch-reads';

export interface EcsReleasePlan extends ReleasePlan {
  readonly register: RegisterTaskDefinitionCommandInput;
}

interface DescribedRevision {
  readonly definition: TaskDefinition;
  readonly tags: Tag[];
}

/** DescribeTasks takes at most 100 tasks per call. */
const DESCRIBE_TASKS_BATCH = 100;

/**
 * ECS service + ECR repository behind the engine's provider contract. Only these calls:
 * ECR DescribeRepositories, DescribeImages; ECS DescribeServices, DescribeTaskDefinition,
 * RegisterTaskDefinition, UpdateService, ListTasks, DescribeTasks, and where the endpoint has them
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions,
 * StopServiceDeployment, ContinueServiceDeployment.
 */
export class EcsProvider implements DeployProvider<EcsReleasePlan> {
  readonly description: string;
  private readonly images: EcrImages;
  /** Task definitions are immutable: describe each once. */
  private readonly revisions = new Map<string, Promise<DescribedRevision>>();
  /** Stopped tasks per deployment id. A task that reached STOPPED never changes again. */
  private readonly stopped = new Map<string, Map<string, { task: StoppedTask; final: boolean }>>();
  private readonly follower: DeploymentFollower;
  /** The last DescribeServices answer, reused by polls that skip it. */
  private lastService?: Service;

  constructor(
    private readonly settings: EcsSettings,
    private readonly ecs: ECSClient,
    ecr: ECRClient,
  ) {
    const region = settings.region ? ` (${settings.region})` : '';
    this.description = `ECS service ${settings.service} in cluster ${settings.cluster}${region}`;
    this.images = new EcrImages(ecr, settings.repository);
    this.follower = new DeploymentFollower(ecs, { cluster: settings.cluster, service: settings.service });
  }

  inspectCommands(): string[] {
    const { cluster, service, region } = this.settings;
    const r = region ? ` --region ${region}` : '';
    return [
      `aws ecs describe-services${r} --cluster ${cluster} --services ${service} --query 'services[0].{deployments:deployments,events:events[:5]}'`,
      `aws ecs list-tasks${r} --cluster ${cluster} --service-name ${service} --desired-status STOPPED`,
    ];
  }

  resolveImage(version: string): Promise<ImageResolution> {
    return this.images.resolve(version);
  }

  async readTarget(): Promise<TargetState> {
    const service = await this.describeService();
    const currentArn = service.taskDefinition ?? '';
    const stableArn = stableTaskDefinition(service);
    const [current, stable] = await Promise.all([this.readRevision(currentArn), this.readRevision(stableArn)]);
    const inFlight = await this.follower.inFlight();
    return {
      status: service.status ?? 'UNKNOWN',
      current,
      stable,
      rollouts: rolloutsOf(service),
      events: eventsOf(service),
      platformRollback: hasPlatformRollback(service),
      policy: deploymentPolicyOf(service, this.follower.followable !== false),
      inFlight,
    };
  }

  async plan(target: TargetState, image: ResolvedImage): Promise<EcsReleasePlan> {
    const { definition, tags } = await this.describeRevision(target.current.id);
    let register: RegisterTaskDefinitionCommandInput;
    try {
      register = buildNextTaskDefinition(definition, tags, this.settings.container, image.reference, {
        version: image.version,
        commit: image.commit,
        digest: image.digest,
        previousTaskDefinition: target.stable.id,
      });
    } catch (error) {
      if (error instanceof ContainerNotFoundError) throw new ProviderError('invalid', error.message, 'plan');
      throw error;
    }
    const { cluster, service, container, region, repository } = this.settings;
    return {
      image,
      current: target.current,
      stable: target.stable,
      nextLabel: `${definition.family}:${(definition.revision ?? 0) + 1}+`,
      changes: describeChanges(definition, tags, register, container),
      facts: [
        ['cluster', cluster],
        ['service', service],
        ['container', container],
        ['repository', repository],
        ...(region ? [['region', region] as const] : []),
      ],
      register,
    };
  }

  async apply(plan: EcsReleasePlan): Promise<RolloutHandle> {
    const registered = await awsCall('ecs:RegisterTaskDefinition', () =>
      this.ecs.send(new RegisterTaskDefinitionCommand(plan.register)),
    );
    const definition = registered.taskDefinition;
    if (!definition?.taskDefinitionArn)
      throw new ProviderError(
        'unknown',
        'RegisterTaskDefinition returned no task definition',
        'ecs:RegisterTaskDefinition',
      );
    const tags = registered.tags ?? plan.register.tags ?? [];
    this.revisions.set(definition.taskDefinitionArn, Promise.resolve({ definition, tags }));
    const pinned = definition.containerDefinitions?.find((c) => c.name === this.settings.container)?.image;
    try {
      return await this.updateService(definition.taskDefinitionArn, digestOf(pinned ?? ''));
    } catch (error) {
      // The revision exists now: say so, so the report can tell exactly what changed.
      throw new ApplyIncompleteError(
        toProviderError('ecs:UpdateService', error),
        toRevisionRef(definition, tags, this.settings.container),
        [this.deregisterCommand(definition)],
      );
    }
  }

  async restore(revision: RevisionRef): Promise<RolloutHandle> {
    return this.updateService(revision.id, digestOf(revision.image));
  }

  async observe(rollout: RolloutHandle): Promise<Observation> {
    const followed = await this.follower.poll(rollout.rolloutId);
    const notices = this.follower.takeNotices();
    if (followed) return { ...(await this.observeFollowed(rollout, followed)), notices };
    const service = await this.describeService();
    const rollouts = rolloutsOf(service);
    const stoppedTasks = rollouts.some((r) => r.id === rollout.rolloutId)
      ? await this.stoppedTasksOf(rollout.rolloutId)
      : this.knownStopped(rollout.rolloutId);
    return { status: service.status ?? 'UNKNOWN', rollouts, events: eventsOf(service), stoppedTasks, notices };
  }

  /** With the service deployment in hand, DescribeServices and stopped tasks only when they add something. */
  private async observeFollowed(rollout: RolloutHandle, followed: Followed): Promise<Observation> {
    let memory = followed.memory;
    let service = this.lastService;
    if (!service || needsServiceRead(memory, followed.raw)) {
      service = await this.describeService();
      memory = { ...memory, pollsSinceServiceRead: 0, lastFingerprint: fingerprint(followed.raw) };
    } else {
      memory = { ...memory, pollsSinceServiceRead: memory.pollsSinceServiceRead + 1 };
    }
    const rollouts = rolloutsOf(service);
    const mine = service.deployments?.find((d) => d.id === rollout.rolloutId);
    const signal = failureSignal(followed.raw, mine);
    let stoppedTasks = this.knownStopped(rollout.rolloutId);
    if (mine && needsStoppedTasks(memory, signal)) {
      stoppedTasks = await this.stoppedTasksOf(rollout.rolloutId);
      memory = { ...memory, lastFailureSignal: signal };
    }
    followed.remember(memory);
    return {
      status: service.status ?? 'UNKNOWN',
      rollouts,
      events: eventsOf(service),
      stoppedTasks,
      deployment: followed.deployment,
    };
  }

  async continueDeployment(deploymentId: string, hookId: string, decision: HookDecision): Promise<void> {
    await continueServiceDeployment(this.ecs, deploymentId, hookId, decision);
  }

  async stopDeployment(deploymentId: string): Promise<void> {
    await stopServiceDeployment(this.ecs, deploymentId);
  }

  /** Watches a service deployment found in flight: its rollout is the ECS deployment of its target revision. */
  async followDeployment(deployment: PlatformDeployment): Promise<RolloutHandle> {
    const service = await this.describeService();
    const target = deployment.revisions.find((r) => r.role === 'target');
    const primary = (service.deployments ?? []).find((d) => d.status === 'PRIMARY');
    const ecsDeployment =
      (service.deployments ?? []).find((d) => target && labelOf(d.taskDefinition ?? '') === target.label) ?? primary;
    const rolloutId = ecsDeployment?.id ?? deployment.id;
    this.follower.adopt(rolloutId, deployment.id);
    return {
      rolloutId,
      revision: await this.readRevision(ecsDeployment?.taskDefinition ?? service.taskDefinition ?? ''),
    };
  }

  async readRevision(id: string): Promise<RevisionRef> {
    const { definition, tags } = await this.describeRevision(id);
    return toRevisionRef(definition, tags, this.settings.container);
  }

  async status(): Promise<EnvironmentStatus> {
    const service = await this.describeService();
    const rollouts = rolloutsOf(service);
    const primary = rollouts.find((r) => r.primary);
    const current = await this.readRevision(service.taskDefinition ?? primary?.revisionId ?? '');
    return {
      current,
      digest: digestOf(current.image),
      rollout: primary,
      rollouts,
      since: primary?.updatedAt ?? primary?.createdAt,
    };
  }

  private async describeService(): Promise<Service> {
    this.lastService = await this.readService();
    return this.lastService;
  }

  private async readService(): Promise<Service> {
    const { cluster, service } = this.settings;
    const result = await awsCall('ecs:DescribeServices', () =>
      this.ecs.send(new DescribeServicesCommand({ cluster, services: [service] })),
    );
    const found =
      result.services?.find((s) => s.serviceName === service || s.serviceArn === service) ?? result.services?.[0];
    if (!found) {
      const reason = result.failures?.[0]?.reason ?? 'MISSING';
      throw new ProviderError(
        'not-found',
        `service ${service} not found in cluster ${cluster} (${reason}); check "service" and "cluster" in the deploy config`,
        'ecs:DescribeServices',
      );
    }
    return found;
  }

  private describeRevision(arn: string): Promise<DescribedRevision> {
    if (!arn)
      return Promise.reject(
        new ProviderError(
          'not-found',
          `service ${this.settings.service} has no task definition`,
          'ecs:DescribeTaskDefinition',
        ),
      );
    let cached = this.revisions.get(arn);
    if (!cached) {
      cached = awsCall('ecs:DescribeTaskDefinition', () =>
        this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })),
      ).then((result) => {
        if (!result.taskDefinition)
          throw new ProviderError(
            'not-found',
            `task definition ${labelOf(arn)} not found`,
            'ecs:DescribeTaskDefinition',
          );
        return { definition: result.taskDefinition, tags: result.tags ?? [] };
      });
      // A failed read (throttled, say) must not poison the cache.
      cached.catch(() => this.revisions.delete(arn));
      this.revisions.set(arn, cached);
    }
    return cached;
  }

  private async updateService(taskDefinitionArn: string, digest: string | undefined): Promise<RolloutHandle> {
    const { cluster, service } = this.settings;
    // UpdateService returns no service deployment ARN: take the time first, to find it afterwards.
    const before = new Date();
    const updated = await awsCall('ecs:UpdateService', () =>
      this.ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: taskDefinitionArn })),
    );
    const deployment = updated.service ? deploymentFor(updated.service, taskDefinitionArn) : undefined;
    if (!deployment?.id) {
      throw new ProviderError(
        'unknown',
        `UpdateService returned no PRIMARY deployment for ${labelOf(taskDefinitionArn)}`,
        'ecs:UpdateService',
      );
    }
    this.follower.expect(deployment.id, taskDefinitionArn, digest, before);
    return { rolloutId: deployment.id, revision: await this.readRevision(taskDefinitionArn) };
  }

  /** For an operator who wants an unused revision gone; the deploy role is not allowed to run it. */
  private deregisterCommand(definition: TaskDefinition): string {
    const { region } = this.settings;
    const name =
      definition.family && definition.revision
        ? `${definition.family}:${definition.revision}`
        : (definition.taskDefinitionArn ?? '');
    return `aws ecs deregister-task-definition${region ? ` --region ${region}` : ''} --task-definition ${name}`;
  }

  private async stoppedTasksOf(deploymentId: string): Promise<StoppedTask[]> {
    const { cluster } = this.settings;
    const known = this.stoppedMap(deploymentId);
    const listed = await awsCall('ecs:ListTasks', () =>
      this.ecs.send(
        new ListTasksCommand({ cluster, startedBy: deploymentId, desiredStatus: 'STOPPED', maxResults: 100 }),
      ),
    );
    const fresh = (listed.taskArns ?? []).filter((arn) => !known.get(arn)?.final);
    for (let i = 0; i < fresh.length; i += DESCRIBE_TASKS_BATCH) {
      const batch = fresh.slice(i, i + DESCRIBE_TASKS_BATCH);
      const described = await awsCall('ecs:DescribeTasks', () =>
        this.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })),
      );
      for (const task of described.tasks ?? []) {
        // A stopping task already has its reason; exit codes are final once it is STOPPED.
        if (task.taskArn && (task.stoppedReason || task.lastStatus === 'STOPPED')) {
          known.set(task.taskArn, { task: toStoppedTask(task), final: task.lastStatus === 'STOPPED' });
        }
      }
    }
    return this.knownStopped(deploymentId);
  }

  private stoppedMap(deploymentId: string) {
    let map = this.stopped.get(deploymentId);
    if (!map) {
      map = new Map();
      this.stopped.set(deploymentId, map);
    }
    return map;
  }

  private knownStopped(deploymentId: string): StoppedTask[] {
    return [...this.stoppedMap(deploymentId).values()].map((entry) => entry.task);
  }
}
