import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type ServiceRevision,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import type { HookDecision } from '@slipway/deploy-engine';
import { awsCall } from './aws-errors';

/**
 * The service-deployments API (ECS, 2024-10 on; Stop 2025-04, Continue 2026-05), as Slipway uses
 * it. @aws-sdk/client-ecs 3.1164.0 has no paginator for ListServiceDeployments and no waiter for
 * service deployments: listing is paged by hand, waiting is the engine's watch.
 */

/** ListServiceDeployments and DescribeService{Deployments,Revisions} take at most these many. */
const LIST_PAGE = 100;
const DESCRIBE_BATCH = 20;
/** Our clock and ECS's may differ: list from a little before the time taken before UpdateService. */
export const CLOCK_SKEW_MS = 60_000;

/** Errors that mean this endpoint (or this role) cannot use the API: fall back to DescribeServices. */
const UNAVAILABLE = new Set(['UnknownOperationException', 'UnsupportedFeatureException', 'InvalidAction']);

/** True when the API is missing on this endpoint (older region or simulator), or the role may not call it. */
export function lacksServiceDeploymentsApi(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const e = (cause ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return UNAVAILABLE.has(e.name ?? '') || e.name === 'AccessDeniedException' || e.$metadata?.httpStatusCode === 404;
}

export interface ServiceRef {
  readonly cluster: string;
  readonly service: string;
}

/** Every PENDING / IN_PROGRESS service deployment of the service created after `since`, newest first. */
export async function listOngoingDeployments(
  ecs: ECSClient,
  ref: ServiceRef,
  since?: Date,
): Promise<ServiceDeploymentBrief[]> {
  const found: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ecs:ListServiceDeployments', () =>
      ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: ref.cluster,
          service: ref.service,
          status: ['PENDING', 'IN_PROGRESS'],
          ...(since ? { createdAt: { after: since } } : {}),
          maxResults: LIST_PAGE,
          nextToken,
        }),
      ),
    );
    found.push(...(page?.serviceDeployments ?? []));
    nextToken = page?.nextToken;
  } while (nextToken);
  return found.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

export async function describeServiceRevisions(ecs: ECSClient, arns: readonly string[]): Promise<ServiceRevision[]> {
  const revisions: ServiceRevision[] = [];
  for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
    const batch = arns.slice(i, i + DESCRIBE_BATCH);
    const described = await awsCall('ecs:DescribeServiceRevisions', () =>
      ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: batch })),
    );
    revisions.push(...(described?.serviceRevisions ?? []));
  }
  return revisions;
}

export interface OwnDeploymentQuery extends ServiceRef {
  /** Taken before UpdateService (minus the skew). */
  readonly since: Date;
  readonly taskDefinitionArn: string;
  /** The image digest Slipway pinned, when it pinned one. */
  readonly digest?: string;
}

export interface OwnDeployment {
  readonly arn: string;
  /** Service revision ARN → task definition ARN, for the revisions looked at. */
  readonly revisions: ReadonlyMap<string, string>;
}

/**
 * UpdateService returns no deployment ARN (containers-roadmap #2709) and `currentServiceDeployment`
 * can be stale right after it (ecspresso #929): list the ongoing deployments created since, and
 * take the newest whose target revision runs our task definition with our digest.
 */
export async function findOwnDeployment(ecs: ECSClient, query: OwnDeploymentQuery): Promise<OwnDeployment | undefined> {
  const briefs = await listOngoingDeployments(ecs, query, query.since);
  const targets = [...new Set(briefs.map((b) => b.targetServiceRevisionArn).filter((a): a is string => Boolean(a)))];
  if (targets.length === 0) return undefined;
  const revisions = await describeServiceRevisions(ecs, targets);
  const ours = new Set(
    revisions
      .filter(
        (r) =>
          r.taskDefinition === query.taskDefinitionArn &&
          (query.digest === undefined || (r.containerImages ?? []).some((c) => c.imageDigest === query.digest)),
      )
      .map((r) => r.serviceRevisionArn),
  );
  const match = briefs.find((b) => ours.has(b.targetServiceRevisionArn));
  if (!match?.serviceDeploymentArn) return undefined;
  return {
    arn: match.serviceDeploymentArn,
    revisions: new Map(revisions.map((r) => [r.serviceRevisionArn ?? '', r.taskDefinition ?? ''])),
  };
}

export async function describeServiceDeployment(ecs: ECSClient, arn: string): Promise<ServiceDeployment | undefined> {
  const described = await awsCall('ecs:DescribeServiceDeployments', () =>
    ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })),
  );
  return described?.serviceDeployments?.find((d) => d.serviceDeploymentArn === arn);
}

/** ROLLBACK works even when the service has no rollback configured (AWS stop-service-deployment docs). */
export async function stopServiceDeployment(ecs: ECSClient, arn: string): Promise<void> {
  await awsCall('ecs:StopServiceDeployment', () =>
    ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
  );
}

/** Both the ARN and the hook id are required, whatever some examples show (continue-service-deployment docs). */
export async function continueServiceDeployment(
  ecs: ECSClient,
  arn: string,
  hookId: string,
  decision: HookDecision,
): Promise<void> {
  await awsCall('ecs:ContinueServiceDeployment', () =>
    ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action: decision })),
  );
}
