import { triggerAlarm } from './alarms';
import { pauseAt } from './lifecycle-hooks';
import { completeDeployment, FIRST_TASKS_AFTER, isLive } from './deployment-records';
import type { Deployment, Service } from './model';
import type { LifecycleStage, ServiceDeployment } from './service-deployment-model';
import { enterStage, setStatus, shiftTraffic } from './service-deployments';
import { scheduleFailingCycle } from './task-failures';
import { launchTasks, markRunning } from './tasks';
import type { World } from './world';

/**
 * BLUE_GREEN, LINEAR and CANARY, in simulated time. ECS scales the green revision up in full
 * beside blue, shifts test traffic, then production traffic (all at once, in linear steps, or a
 * canary then the rest, with a bake after each step but the last), bakes with both revisions up,
 * and cleans blue up. A PAUSE hook stops the run at its stage until it is answered or times out;
 * an alarm, the circuit breaker, a hook's ROLLBACK or StopServiceDeployment roll it back.
 */

/** Another deployer's deployment over this one (the `superseded` behaviour): rollout.ts starts it. */
export type Supersede = (world: World, service: Service, deployment: Deployment, byTag: string | undefined) => void;

type Step = { readonly stage: LifecycleStage; readonly run: (done: () => void) => void };

/** AWS defaults (API_LinearConfiguration, API_CanaryConfiguration). */
const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
const CANARY_DEFAULTS = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };

export function runStaged(world: World, service: Service, sd: ServiceDeployment, supersede: Supersede): void {
  const steps = stagedSteps(world, service, sd, supersede);
  const epoch = sd.epoch;
  const live = () => sd.epoch === epoch && sd.status === 'IN_PROGRESS';
  const alarm = sd.target.deployment.behaviour.kind === 'healthy' ? sd.target.deployment.behaviour.alarm : undefined;
  let armed = alarm !== undefined;
  let next = 0;
  const advance = () => {
    if (!live() || next >= steps.length) return;
    const step = steps[next++];
    enterStage(world, service, sd, step.stage);
    if (armed && alarm && (alarm.during ?? step.stage) === step.stage) {
      armed = false;
      world.scheduler.schedule(world.time + (alarm.after ?? 0), () => {
        if (live()) triggerAlarm(world, service, sd, alarm.name);
      });
    }
    pauseAt(world, service, sd, step.stage, () => {
      if (live()) step.run(advance);
    });
  };
  world.scheduler.schedule(world.time + FIRST_TASKS_AFTER, () => {
    if (sd.status !== 'PENDING') return;
    setStatus(world, service, sd, 'IN_PROGRESS');
    advance();
  });
}

function stagedSteps(world: World, service: Service, sd: ServiceDeployment, supersede: Supersede): Step[] {
  const settings = sd.settings;
  const wait =
    (seconds: number) =>
    (done: () => void): void =>
      world.scheduler.schedule(world.time + seconds, done);
  const pause = wait(service.stageSeconds);
  const shift = (kind: 'test' | 'production', percent: number, bakeSeconds: number) => (done: () => void) => {
    shiftTraffic(world, service, sd, kind, percent);
    wait(service.stageSeconds + bakeSeconds)(done);
  };
  const production = (percent: number, bakeSeconds: number): Step[] => [
    { stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', run: pause },
    { stage: 'PRODUCTION_TRAFFIC_SHIFT', run: shift('production', percent, bakeSeconds) },
  ];
  const steps: Step[] = [
    { stage: 'PRE_SCALE_UP', run: pause },
    { stage: 'SCALE_UP', run: (done) => scaleUp(world, service, sd, supersede, done) },
    { stage: 'POST_SCALE_UP', run: pause },
    { stage: 'TEST_TRAFFIC_SHIFT', run: shift('test', 100, 0) },
    { stage: 'POST_TEST_TRAFFIC_SHIFT', run: pause },
  ];
  if (settings.strategy === 'LINEAR') {
    const { stepPercent, stepBakeTimeInMinutes } = { ...LINEAR_DEFAULTS, ...settings.linearConfiguration };
    for (let percent = stepPercent; ; percent += stepPercent) {
      const last = percent >= 100 - 1e-9;
      steps.push(...production(Math.min(100, round(percent)), last ? 0 : stepBakeTimeInMinutes * 60));
      if (last) break;
    }
  } else if (settings.strategy === 'CANARY') {
    const { canaryPercent, canaryBakeTimeInMinutes } = { ...CANARY_DEFAULTS, ...settings.canaryConfiguration };
    steps.push(...production(canaryPercent, canaryBakeTimeInMinutes * 60), ...production(100, 0));
  } else {
    steps.push(...production(100, 0));
  }
  steps.push(
    { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT', run: pause },
    { stage: 'BAKE_TIME', run: wait((settings.bakeTimeInMinutes ?? 0) * 60) },
    { stage: 'CLEAN_UP', run: () => pause(() => completeDeployment(world, service, sd.target.deployment)) },
  );
  return steps;
}

/** Green up in full; healthy tasks are RUNNING after `after / 2`, failing ones go to the breaker. */
function scaleUp(world: World, service: Service, sd: ServiceDeployment, supersede: Supersede, done: () => void): void {
  const green = sd.target.deployment;
  const b = green.behaviour;
  if (b.kind === 'crashLoop' || b.kind === 'imagePullError') {
    scheduleFailingCycle(world, service, green, world.time);
    return;
  }
  const tasks = launchTasks(world, service, green, green.desiredCount);
  if (b.kind === 'superseded') {
    world.scheduler.schedule(world.time + b.at, () => {
      if (isLive(green)) supersede(world, service, green, b.byTag);
    });
  }
  if (b.kind !== 'healthy') return;
  world.scheduler.schedule(world.time + (b.after ?? 60) / 2, () => {
    tasks.forEach((task) => markRunning(world, task));
    done();
  });
}

const round = (percent: number) => Math.round(percent * 10) / 10;
