import type { RolloutBehaviour } from './scenario';
import type { CircuitBreakerSettings, DeploymentSettings, ServiceDeployment } from './service-deployment-model';

/** Internal state of the simulated world. Wire shapes are produced from it in `ecs-wire.ts` / `ecr-api.ts`. */

export interface Tag {
  key: string;
  value: string;
}

export interface Cluster {
  name: string;
  arn: string;
}

export interface TaskDefinition {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  registeredAt: number;
  /** Everything registered besides family and tags (containerDefinitions, cpu, memory, ...). */
  body: Record<string, unknown> & { containerDefinitions: ContainerDefinition[] };
  tags: Tag[];
}

export interface ContainerDefinition {
  name: string;
  image: string;
  essential?: boolean;
  [field: string]: unknown;
}

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPED';

export interface TaskContainer {
  name: string;
  image: string;
  imageDigest?: string;
  lastStatus: TaskStatus;
  exitCode?: number;
  reason?: string;
}

export interface Task {
  id: string;
  arn: string;
  clusterName: string;
  serviceName: string;
  taskDefinitionArn: string;
  startedBy: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated' | 'ServiceSchedulerInitiated';
  containers: TaskContainer[];
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** What created a deployment; shown in the timeline so tests can tell a client deploy from an ECS rollback. */
export type DeploymentCause = 'scenario' | 'client' | 'circuit-breaker-rollback' | 'superseded' | 'rollback';

export interface Deployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  /** Once COMPLETED, a deployment is a circuit-breaker rollback target even after it turns ACTIVE. */
  everCompleted: boolean;
  behaviour: RolloutBehaviour;
  cause: DeploymentCause;
  tasks: Task[];
  /** The service revision this deployment runs (one per ECS deployment of a task definition). */
  revisionArn?: string;
  /** The service deployment that moves the service to this deployment, if any. */
  serviceDeploymentArn?: string;
  /** Brought back as PRIMARY to roll back this service deployment (or a deployment without one). */
  rollingBackFor?: string;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface Service {
  name: string;
  arn: string;
  cluster: Cluster;
  desiredCount: number;
  createdAt: number;
  circuitBreaker: CircuitBreakerSettings;
  /** Strategy, bake, hooks, alarms, early success: the rest of `deploymentConfiguration`. */
  deploymentSettings: DeploymentSettings;
  /** `ECS` for an Express Mode service, else `CUSTOMER`. */
  resourceManagementType: 'CUSTOMER' | 'ECS';
  rollbackAfter: number;
  /** Seconds a lifecycle stage with nothing to wait for lasts. */
  stageSeconds: number;
  /** Seconds ECS watches the alarms after a rolling deployment is steady (ECS derives it from the alarms). */
  alarmBakeSeconds: number;
  /** What `DescribeServices` says; it lags behind a new deployment, as ecspresso found (#929). */
  currentServiceDeployment?: string;
  /** Newest first. */
  serviceDeployments: ServiceDeployment[];
  /** PRIMARY first, then ACTIVE ones, newest first. INACTIVE deployments are dropped, as ECS does. */
  deployments: Deployment[];
  /** Newest first. */
  events: ServiceEvent[];
  tags: Tag[];
}

export interface Image {
  digest: string;
  tags: string[];
  pushedAt: number;
  sizeInBytes: number;
  platforms: string[];
}

export interface Repository {
  name: string;
  arn: string;
  uri: string;
  createdAt: number;
  images: Image[];
}

/** One transition of the world, with the simulated second and the matching real instant. */
export interface TimelineEntry {
  simTime: number;
  realTime: number;
  service: string;
  deploymentId: string;
  event: 'DEPLOYMENT_CREATED' | 'TASK_FAILED' | 'COMPLETED' | 'FAILED' | 'ROLLBACK_STARTED' | 'SUPERSEDED' | 'DRAINED';
  detail?: string;
}

/** One transition of a service deployment: `detail` is its new status, stage, weights, hook state or alarm. */
export interface ServiceDeploymentEntry {
  simTime: number;
  realTime: number;
  service: string;
  serviceDeploymentArn: string;
  event: 'STATUS' | 'STAGE' | 'TRAFFIC' | 'HOOK' | 'ALARM';
  detail: string;
}

export const toTags = (record: Record<string, string> | undefined): Tag[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));
