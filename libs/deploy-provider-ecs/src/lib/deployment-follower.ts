import type { ECSClient, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { PlatformDeployment } from '@slipway/deploy-engine';
import { revisionArnsOf, toPlatformDeployment } from './deployment-view';
import {
  CLOCK_SKEW_MS,
  describeServiceDeployment,
  describeServiceRevisions,
  findOwnDeployment,
  lacksServiceDeploymentsApi,
  listOngoingDeployments,
  type ServiceRef,
} from './service-deployment-calls';
import { FRESH_MEMORY, type ReadMemory } from './watch-reads';

/** What a rollout is matched on until its service deployment is found. */
interface Expected {
  readonly since: Date;
  readonly taskDefinitionArn: string;
  readonly digest?: string;
}

interface Track {
  expected?: Expected;
  arn?: string;
  /** Polls spent looking for it; after `FIND_POLLS` the watch goes on without it. */
  searches: number;
  memory: ReadMemory;
}

/** ECS lists a new deployment within a second or two; past this many polls, stop looking. */
const FIND_POLLS = 5;

export interface Followed {
  readonly raw: ServiceDeployment;
  readonly deployment: PlatformDeployment;
  readonly memory: ReadMemory;
  remember(memory: ReadMemory): void;
}

/**
 * Finds and follows the service deployment of each rollout the provider started or adopted. When
 * the API is missing on the endpoint (UnknownOperationException) or the role may not call it, it
 * gives up for good and says so once; the provider then watches through DescribeServices alone.
 */
export class DeploymentFollower {
  private available: boolean | undefined;
  private readonly notices: string[] = [];
  private readonly tracks = new Map<string, Track>();
  /** Service revision ARN → task definition ARN; revisions are immutable. */
  private readonly revisions = new Map<string, string>();

  constructor(
    private readonly ecs: ECSClient,
    private readonly ref: ServiceRef,
  ) {}

  /** False once the API proved missing; undefined until it was tried. */
  get followable(): boolean | undefined {
    return this.available;
  }

  /** Notices not yet handed out (each is said once). */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  /** The deployment under way now, if any; also tells whether the API answers here. */
  async inFlight(): Promise<PlatformDeployment | undefined> {
    const briefs = await this.guard(() => listOngoingDeployments(this.ecs, this.ref));
    const arn = briefs?.[0]?.serviceDeploymentArn;
    if (!arn) return undefined;
    return (await this.describe(arn))?.deployment;
  }

  /** Before UpdateService: the time to list from, and what the new deployment's target must run. */
  expect(rolloutId: string, taskDefinitionArn: string, digest: string | undefined, before: Date): void {
    const since = new Date(before.getTime() - CLOCK_SKEW_MS);
    this.tracks.set(rolloutId, { expected: { since, taskDefinitionArn, digest }, searches: 0, memory: FRESH_MEMORY });
  }

  adopt(rolloutId: string, arn: string): void {
    this.tracks.set(rolloutId, { arn, searches: 0, memory: FRESH_MEMORY });
  }

  /** The followed service deployment of `rolloutId`, once found; undefined to watch without it. */
  async poll(rolloutId: string): Promise<Followed | undefined> {
    const track = this.tracks.get(rolloutId);
    if (!track || this.available === false) return undefined;
    const expected = track.expected;
    if (!track.arn && expected && track.searches < FIND_POLLS) {
      const own = await this.guard(() => findOwnDeployment(this.ecs, { ...this.ref, ...expected }));
      if (!own && ++track.searches === FIND_POLLS)
        this.notices.push(
          `no service deployment of ${rolloutId} was listed after ${FIND_POLLS} looks: watching through DescribeServices only`,
        );
      if (!own) return undefined;
      for (const [revision, td] of own.revisions) this.revisions.set(revision, td);
      track.arn = own.arn;
    }
    if (!track.arn) return undefined;
    const described = await this.describe(track.arn);
    if (!described) return undefined;
    return {
      ...described,
      memory: track.memory,
      remember: (memory) => {
        track.memory = memory;
      },
    };
  }

  private async describe(arn: string): Promise<{ raw: ServiceDeployment; deployment: PlatformDeployment } | undefined> {
    const raw = await this.guard(() => describeServiceDeployment(this.ecs, arn));
    if (!raw) return undefined;
    const unknown = revisionArnsOf(raw).filter((r) => !this.revisions.has(r));
    if (unknown.length > 0) {
      const revisions = await this.guard(() => describeServiceRevisions(this.ecs, unknown));
      for (const r of revisions ?? []) this.revisions.set(r.serviceRevisionArn ?? '', r.taskDefinition ?? '');
    }
    return { raw, deployment: toPlatformDeployment(raw, this.revisions) };
  }

  /** Runs a call of the API; a missing API (or a role that may not call it) turns following off. */
  private async guard<T>(call: () => Promise<T>): Promise<T | undefined> {
    if (this.available === false) return undefined;
    try {
      const result = await call();
      this.available = true;
      return result;
    } catch (error) {
      if (!lacksServiceDeploymentsApi(error)) throw error;
      this.available = false;
      const why = /AccessDenied/.test(String((error as { message?: string }).message))
        ? 'the deploy role may not call ecs:ListServiceDeployments/DescribeServiceDeployments'
        : 'this ECS endpoint has no service-deployments API';
      this.notices.push(
        `${why}: watching through DescribeServices only (no stages, traffic weights, alarms or hooks; outcomes as before)`,
      );
      return undefined;
    }
  }
}
