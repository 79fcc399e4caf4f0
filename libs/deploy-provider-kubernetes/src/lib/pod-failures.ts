import type { V1ContainerStatus } from '@kubernetes/client-node';
import type { StopCategory, StoppedTask } from '@slipway/deploy-engine';
import type { V1Pod } from './objects';

/** Waiting reasons of the kubelet that say the image cannot be had: retrying will not help. */
const PULL = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
]);
/** Waiting reasons that say the container cannot even be created or started. */
const INIT = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreStartHookError',
  'PostStartHookError',
  'PreCreateHookError',
]);
const CRASH = 'CrashLoopBackOff';
const SEVERITY: readonly StopCategory[] = ['pull', 'init', 'essential-exit', 'health', 'other', 'benign'];

interface ContainerFailure {
  readonly category: StopCategory;
  readonly code: string;
  readonly reason: string;
  readonly container: { name: string; exitCode?: number; reason?: string };
  readonly at?: Date;
}

/**
 * Why a container of a new pod is not running, in the engine's terms, or undefined when it is
 * fine (running, or still being created). Pure. ImagePullBackOff/ErrImagePull → pull;
 * CrashLoopBackOff or a non-zero exit → essential-exit (with the last exit code); config and
 * start errors → init.
 */
export function containerFailure(status: V1ContainerStatus): ContainerFailure | undefined {
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  const exit = terminated ?? last;
  const container = {
    name: status.name,
    exitCode: exit?.exitCode,
    reason: exit ? `${exit.reason ?? 'Terminated'}${exit.message ? `: ${exit.message}` : ''}` : waiting?.reason,
  };
  const describe = (reason: string, message?: string) => (message ? `${reason}: ${message}` : reason);
  if (waiting?.reason && PULL.has(waiting.reason)) {
    return {
      category: 'pull',
      code: waiting.reason,
      reason: describe(waiting.reason, waiting.message),
      container: { name: status.name, reason: waiting.reason },
    };
  }
  if (waiting?.reason && INIT.has(waiting.reason))
    return { category: 'init', code: waiting.reason, reason: describe(waiting.reason, waiting.message), container };
  if (waiting?.reason === CRASH)
    return {
      category: 'essential-exit',
      code: CRASH,
      reason: describe(CRASH, waiting.message),
      container,
      at: toDate(last?.finishedAt),
    };
  if (terminated && terminated.exitCode !== 0) {
    const reason = `container ${status.name} exited with code ${terminated.exitCode} (${terminated.reason ?? 'Error'})`;
    return {
      category: 'essential-exit',
      code: terminated.reason ?? 'Error',
      reason,
      container,
      at: toDate(terminated.finishedAt),
    };
  }
  return undefined;
}

/** A failing pod of the watched ReplicaSet as a "stopped task"; undefined for healthy or starting pods. Pure. */
export function podFailure(pod: V1Pod): StoppedTask | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const failures = statuses.map(containerFailure).filter((f): f is ContainerFailure => f !== undefined);
  const id = pod.metadata?.name ?? '';
  if (failures.length === 0) {
    if (pod.status?.phase !== 'Failed') return undefined;
    const reason = [pod.status.reason, pod.status.message].filter(Boolean).join(': ') || 'pod failed';
    return { id, category: 'other', reason, code: pod.status.reason, containers: [] };
  }
  const worst = [...failures].sort((a, b) => SEVERITY.indexOf(a.category) - SEVERITY.indexOf(b.category))[0];
  return {
    id,
    category: worst.category,
    reason: worst.reason,
    code: worst.code,
    containers: failures.map((f) => f.container),
    stoppedAt: worst.at,
  };
}

export function podFailures(pods: readonly V1Pod[]): StoppedTask[] {
  return pods.map(podFailure).filter((t): t is StoppedTask => t !== undefined);
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value : new Date(value);
}
