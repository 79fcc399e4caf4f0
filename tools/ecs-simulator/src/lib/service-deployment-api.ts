import { AwsError, invalidParameter } from './aws-error';
import type { Handler, Input } from './ecs-api';
import { page } from './paging';
import { rollBackDeployment } from './platform-rollback';
import { isOngoing, type HookAction, type ServiceDeployment } from './service-deployment-model';
import {
  serviceDeploymentBriefToWire,
  serviceDeploymentToWire,
  serviceRevisionToWire,
} from './service-deployment-wire';
import { setStatus } from './service-deployments';
import type { World } from './world';

/**
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions,
 * StopServiceDeployment and ContinueServiceDeployment, with the preconditions the AWS docs state.
 */

/** How long ECS takes to act on Stop (ROLLBACK_REQUESTED → ROLLBACK_IN_PROGRESS, STOP_REQUESTED → STOPPED). */
const STOP_TAKES_SECONDS = 1;

export const SERVICE_DEPLOYMENT_OPERATIONS = [
  'ListServiceDeployments',
  'DescribeServiceDeployments',
  'DescribeServiceRevisions',
  'StopServiceDeployment',
  'ContinueServiceDeployment',
] as const;

const notFound = () =>
  new AwsError('ServiceDeploymentNotFoundException', 'The service deployment ARN that you specified does not exist.');

function arnList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string'))
    throw invalidParameter(`${name} must be a non-empty list of ARNs.`);
  if (value.length > 20) throw invalidParameter(`${name} can have at most 20 items.`);
  return value as string[];
}

function requireDeployment(world: World, input: Input): ServiceDeployment {
  const arn = input['serviceDeploymentArn'];
  if (typeof arn !== 'string' || arn === '') throw invalidParameter('serviceDeploymentArn must be specified.');
  const sd = world.serviceDeployments.get(arn);
  if (!sd) throw notFound();
  return sd;
}

function serviceOf(world: World, sd: ServiceDeployment) {
  const service = world.services.get(sd.serviceKey);
  if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  return service;
}

export const serviceDeploymentHandlers: Record<(typeof SERVICE_DEPLOYMENT_OPERATIONS)[number], Handler> = {
  ListServiceDeployments(world, input) {
    const cluster = world.findCluster(input['cluster'] as string | undefined);
    if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
    if (typeof input['service'] !== 'string' || input['service'] === '')
      throw invalidParameter('service must be specified.');
    const service = world.findService(cluster, input['service']);
    if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
    const statuses = input['status'] as string[] | undefined;
    const created = (input['createdAt'] ?? {}) as { before?: number; after?: number };
    const maxResults = input['maxResults'] ?? 20;
    if (typeof maxResults !== 'number' || maxResults < 1 || maxResults > 100)
      throw invalidParameter('maxResults must be between 1 and 100.');
    const listed = service.serviceDeployments.filter(
      (sd) =>
        world.time >= sd.visibleAt &&
        (statuses === undefined || statuses.includes(sd.status)) &&
        (created.after === undefined || sd.createdAt >= created.after) &&
        (created.before === undefined || sd.createdAt <= created.before),
    );
    const { items, nextToken } = page(listed, maxResults, input['nextToken']);
    return { serviceDeployments: items.map((sd) => serviceDeploymentBriefToWire(world, sd)), nextToken };
  },

  DescribeServiceDeployments(world, input) {
    const serviceDeployments = [];
    const failures = [];
    for (const arn of arnList(input['serviceDeploymentArns'], 'serviceDeploymentArns')) {
      const sd = world.serviceDeployments.get(arn);
      if (sd) serviceDeployments.push(serviceDeploymentToWire(world, sd));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceDeployments, failures };
  },

  DescribeServiceRevisions(world, input) {
    const serviceRevisions = [];
    const failures = [];
    for (const arn of arnList(input['serviceRevisionArns'], 'serviceRevisionArns')) {
      const revision = world.serviceRevisions.get(arn);
      if (revision) serviceRevisions.push(serviceRevisionToWire(revision));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return { serviceRevisions, failures };
  },

  /** Docs: from PENDING/IN_PROGRESS to ROLLBACK_REQUESTED; ongoing stops and rollbacks go on; a completed one conflicts. */
  StopServiceDeployment(world, input) {
    const sd = requireDeployment(world, input);
    const stopType = input['stopType'] ?? 'ROLLBACK';
    if (stopType !== 'ROLLBACK' && stopType !== 'ABORT') throw invalidParameter('stopType must be ROLLBACK or ABORT.');
    if (!isOngoing(sd))
      throw new AwsError('ConflictException', `The service deployment is ${sd.status} and cannot be stopped.`);
    if (sd.status === 'PENDING' || sd.status === 'IN_PROGRESS') {
      const service = serviceOf(world, sd);
      const epoch = ++sd.epoch;
      setStatus(world, service, sd, stopType === 'ROLLBACK' ? 'ROLLBACK_REQUESTED' : 'STOP_REQUESTED');
      world.scheduler.schedule(world.time + STOP_TAKES_SECONDS, () => {
        if (sd.epoch !== epoch) return;
        if (stopType === 'ABORT') return setStatus(world, service, sd, 'STOPPED', 'Stopped by StopServiceDeployment.');
        rollBackDeployment(world, service, sd.target.deployment, { kind: 'stop' });
      });
    }
    return { serviceDeploymentArn: sd.arn };
  },

  /** Docs: the hook must be AWAITING_ACTION and the deployment IN_PROGRESS; both ARN and hook id are required. */
  ContinueServiceDeployment(world, input) {
    const sd = requireDeployment(world, input);
    const hookId = input['hookId'];
    if (typeof hookId !== 'string' || hookId === '') throw invalidParameter('hookId must be specified.');
    const action = (input['action'] ?? 'CONTINUE') as HookAction;
    if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalidParameter('action must be CONTINUE or ROLLBACK.');
    const hook = sd.hooks.find((h) => h.hookId === hookId);
    const resume = world.pausedHooks.get(hookId);
    if (sd.status !== 'IN_PROGRESS' || !hook || hook.status !== 'AWAITING_ACTION' || !resume) {
      throw invalidParameter(
        `Hook ${hookId} is not awaiting action on this service deployment (deployment ${sd.status}${hook ? `, hook ${hook.status}` : ', no such hook'}).`,
      );
    }
    resume(action, false);
    return { serviceDeploymentArn: sd.arn };
  },
};
