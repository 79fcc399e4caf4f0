import { createHash } from 'node:crypto';

/** Account-and-region-scoped names, shaped like the real ones. */
export class Arns {
  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  cluster(name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:cluster/${name}`;
  }

  service(cluster: string, name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:service/${cluster}/${name}`;
  }

  taskDefinition(family: string, revision: number): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task-definition/${family}:${revision}`;
  }

  task(cluster: string, id: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task/${cluster}/${id}`;
  }

  container(cluster: string, taskId: string, name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:container/${cluster}/${taskId}/${hex(`${taskId}/${name}`, 36)}`;
  }

  serviceRevision(cluster: string, service: string, id: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:service-revision/${cluster}/${service}/${id}`;
  }

  serviceDeployment(cluster: string, service: string, id: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:service-deployment/${cluster}/${service}/${id}`;
  }

  repository(name: string): string {
    return `arn:aws:ecr:${this.region}:${this.accountId}:repository/${name}`;
  }

  repositoryUri(name: string): string {
    return `${this.accountId}.dkr.ecr.${this.region}.amazonaws.com/${name}`;
  }
}

/** Deterministic hex from a seed, so runs of one scenario produce the same ids. */
export function hex(seed: string, length = 32): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** Deterministic id sequences (tasks, deployments, events) per simulation. */
export class IdSequence {
  private counters = new Map<string, number>();

  next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** `ecs-svc/` and 19 digits, the shape of real ECS deployment ids. */
  deploymentId(): string {
    return `ecs-svc/${(4_000_000_000_000_000_000n + BigInt(this.next('deployment')) * 7_919_113n).toString()}`;
  }

  /** 19 digits, like `service-revision/…/1485800978477494678`. */
  serviceRevisionId(): string {
    return (1_485_800_978_477_494_678n + BigInt(this.next('revision')) * 104_729n).toString();
  }

  /** 21 URL-safe characters, like `service-deployment/…/ejGvqq2ilnbKT9qj0vLJe`. */
  serviceDeploymentId(): string {
    return Buffer.from(hex(`service-deployment:${this.next('service-deployment')}`, 32), 'hex')
      .toString('base64url')
      .slice(0, 21);
  }

  /** `ecs-pause-` and 43 characters, the shape of PAUSE hook ids. */
  pauseHookId(): string {
    return `ecs-pause-${Buffer.from(hex(`hook:${this.next('hook')}`, 64), 'hex').toString('base64url')}`;
  }

  taskId(): string {
    return hex(`task:${this.next('task')}`);
  }

  eventId(): string {
    const h = hex(`event:${this.next('event')}`);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
}

/** Parts of an image reference `registry/repo[:tag][@digest]`. */
export interface ImageReference {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageReference(image: string): ImageReference {
  const [withoutDigest, digest] = image.split('@', 2);
  const slash = withoutDigest.indexOf('/');
  const first = slash === -1 ? '' : withoutDigest.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const registry = hasRegistry ? first : undefined;
  const path = hasRegistry ? withoutDigest.slice(slash + 1) : withoutDigest;
  const colon = path.lastIndexOf(':');
  const repository = colon === -1 ? path : path.slice(0, colon);
  const tag = colon === -1 ? undefined : path.slice(colon + 1);
  return { registry, repository, tag, digest };
}
