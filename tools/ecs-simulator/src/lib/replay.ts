import type { Deployment, Service } from './model';
import type { ReplayFrame } from './scenario';
import type { World } from './world';

/**
 * Replays `DescribeServices` answers captured on a live account: from the client's UpdateService
 * on, the service's `deployments` and `events` are those of the capture's frame for the simulated
 * time since that call, with the placeholders bound to this world's ids. Everything else (ECR,
 * task definitions, ListTasks) still comes from the model.
 */

interface Anchor {
  at: number;
  service: Service;
  bindings: Record<string, string>;
  /** Events of the frames so far, newest first, with ids and timestamps. */
  events: { id: string; createdAt: number; message: string }[];
  shown: number;
}

const anchors = new WeakMap<World, Anchor>();

/** Called after the client's UpdateService: the replay starts now. */
export function anchorReplay(world: World, service: Service, created: Deployment, replaced: Deployment | undefined) {
  if (!world.options.replay || anchors.has(world)) return;
  anchors.set(world, {
    at: world.time,
    service,
    bindings: {
      NEW_ID: created.id,
      NEW_TD: created.taskDefinitionArn,
      OLD_ID: replaced?.id ?? '',
      OLD_TD: replaced?.taskDefinitionArn ?? '',
      OTHER_ID: world.ids.deploymentId(),
    },
    events: service.events.map((e) => ({ ...e })),
    shown: 0,
  });
}

export function replayedDeployments(
  world: World,
  service: Service,
): { deployments: Record<string, unknown>[]; events: Anchor['events']; taskDefinition?: string } | undefined {
  const anchor = anchors.get(world);
  const frames = world.options.replay?.frames;
  if (!anchor || !frames || anchor.service !== service) return undefined;
  const elapsed = world.time - anchor.at;
  const due = frames.filter((frame) => frame.at <= elapsed);
  for (const frame of due.slice(anchor.shown)) {
    for (const message of [...(frame.events ?? [])].reverse())
      anchor.events.unshift({
        id: world.ids.eventId(),
        createdAt: world.timestamp(anchor.at + frame.at),
        message: bind(message, anchor.bindings),
      });
  }
  anchor.shown = due.length;
  const current: ReplayFrame = due.at(-1) ?? frames[0];
  const deployments = current.deployments.map((d): Record<string, unknown> => {
    const bound = JSON.parse(bind(JSON.stringify(d), anchor.bindings)) as Record<string, unknown>;
    return { createdAt: world.timestamp(anchor.at), updatedAt: world.timestamp(anchor.at + current.at), ...bound };
  });
  const primary = deployments.find((d) => d['status'] === 'PRIMARY');
  return { deployments, events: anchor.events, taskDefinition: primary?.['taskDefinition'] as string | undefined };
}

function bind(text: string, bindings: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => bindings[name] ?? whole);
}
