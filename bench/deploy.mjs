// npm run bench:deploy: how soon `nx run api:deploy` reports each outcome, and how hard it polls,
// side by side with the AWS SDK's waitUntilServicesStable on the same simulated ECS rollouts; then
// the Kubernetes section (bench/deploy-kubernetes.mjs), side by side with `kubectl rollout status`.
//
//   node bench/deploy.mjs [--runs 3] [--ms-per-sim-second 40] [--waiter-ms-per-sim-second 10]
//                         [--kubernetes-ms-per-sim-second 200] [--platform ecs,kubernetes]
//                         [--only healthy,crash-loop-cb,k8s-healthy]
//
// Time is simulated (tools/ecs-simulator): one simulated second = --ms-per-sim-second real ms, so
// a 2-minute rollout plays in 4.8 s. Everything that waits is scaled by the same factor: the
// simulator's transitions, Slipway's poll interval (its default, via SLIPWAY_POLL_INTERVAL) and the
// waiter's minDelay 15 s / maxDelay 120 s / maxWaitTime 600 s (the AWS CLI's 10 minutes). The
// waiter's runs may go faster (--waiter-ms-per-sim-second): its figures are tens to hundreds of
// seconds, where a local HTTP round trip (a few real ms) is noise; Slipway's are a few seconds, so
// they run slower to keep that unscaled latency small (it makes the figures conservative).
// Figures are therefore in simulated seconds, i.e. production seconds, except "teardown ms", the
// real time from Slipway's last API call to its process exit (Nx and Node teardown do not scale).
//
// Targets: every outcome and stage target reported within 5 s; at most 20 DescribeServices calls
// and at most 40 ECS read calls a minute while watching; a failed rolling deployment reported at
// least 10x sooner than the waiter reports anything. For ECS's own strategies (blue/green, canary,
// PAUSE hooks, alarm bakes) the reference is the service deployment's transition, and the waiter's
// column says when and what it called the deployment: late, or done when ECS had rolled it back.
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
} from '@aws-sdk/client-ecs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Node 24 loads this TypeScript file as it is (it has no imports and only erasable syntax).
import { nxChildEnv, sandboxedEnv } from '../tools/testing/src/lib/child-env.ts';
import { parseArgs } from 'node:util';
import { benchKubernetes } from './deploy-kubernetes.mjs';
import { simControl } from './lib/control.mjs';
import { printTable } from './lib/figures.mjs';
import { readGithubOutput, runCollecting, startPrinting } from './lib/process.mjs';

const TARGET_REPORT_S = 5;
const TARGET_DESCRIBE_PER_MIN = 20;
const TARGET_READS_PER_MIN = 40;
const TARGET_SOONER = 10;
const WAITER = { minDelay: 15, maxDelay: 120, maxWaitTime: 600 };
const ROLLOUT_S = 120; // a tuned small service: healthy in 2 minutes; an ECS rollback takes as long

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'ms-per-sim-second': { type: 'string', default: '40' },
    'waiter-ms-per-sim-second': { type: 'string', default: '10' },
    'kubernetes-ms-per-sim-second': { type: 'string', default: '200' },
    only: { type: 'string' },
    platform: { type: 'string', default: 'ecs,kubernetes' },
  },
});
const PLATFORMS = args.platform.split(',');
const RUNS = Number(args.runs);
const F = Number(args['ms-per-sim-second']);
const F_WAITER = Number(args['waiter-ms-per-sim-second']);

/**
 * Each scenario deploys v1.2.0 over v1.1.0 on the simulator's api service. `reference` is the
 * timeline event the outcome is measured from: the moment it became observable on the API.
 */
const SCENARIOS = [
  {
    name: 'healthy',
    failure: false,
    reference: 'COMPLETED',
    preset: { rollout: { kind: 'healthy', after: ROLLOUT_S } },
  },
  {
    name: 'crash-loop-cb',
    failure: true,
    reference: 'FAILED',
    note: 'circuit breaker trips, ECS rolls back',
    preset: { rollout: { kind: 'crashLoop', exitCode: 1 }, desiredCount: 6, rollbackAfter: ROLLOUT_S },
  },
  {
    name: 'image-pull-cb',
    failure: true,
    reference: 'TASK_FAILED',
    note: 'CannotPullContainerError; breaker trips at the 3rd',
    preset: { rollout: { kind: 'imagePullError' }, rollbackAfter: ROLLOUT_S },
  },
  {
    name: 'crash-loop-no-cb',
    failure: true,
    reference: 'TASK_FAILED',
    note: 'no circuit breaker: tasks fail forever',
    preset: { rollout: { kind: 'crashLoop', exitCode: 137 }, circuitBreaker: { enable: false, rollback: false } },
  },
  {
    name: 'blue-green',
    failure: false,
    reference: { sd: 'STATUS', detail: 'SUCCESSFUL' },
    note: '2 min bake',
    preset: strategy('BLUE_GREEN'),
    waiterRight: (state) => state === 'SUCCESS',
  },
  {
    name: 'blue-green-stage',
    failure: false,
    outcome: 'STAGE_REACHED',
    args: ['--wait-until', 'stage:BAKE_TIME'],
    reference: { sd: 'STAGE', detail: 'BAKE_TIME' },
    note: '--wait-until stage:BAKE_TIME',
    preset: strategy('BLUE_GREEN'),
    waiterRight: () => false,
  },
  {
    name: 'blue-green-alarm',
    failure: true,
    reference: { sd: 'STATUS', detail: 'ROLLBACK_SUCCESSFUL' },
    note: 'alarm in the bake, ECS rolls back',
    preset: strategy('BLUE_GREEN', { alarm: { name: 'api-5xx', during: 'BAKE_TIME', after: 30 } }),
  },
  {
    name: 'canary-alarm',
    failure: true,
    reference: { sd: 'STATUS', detail: 'ROLLBACK_SUCCESSFUL' },
    note: 'alarm at the 10 % step',
    preset: strategy('CANARY', { alarm: { name: 'api-5xx', during: 'PRODUCTION_TRAFFIC_SHIFT', after: 20 } }),
  },
  {
    name: 'rolling-alarm-bake',
    failure: false,
    reference: { sd: 'STATUS', detail: 'SUCCESSFUL' },
    note: 'ECS bakes 2 min after steady',
    preset: {
      rollout: { kind: 'healthy', after: ROLLOUT_S },
      deploymentConfiguration: { alarms: { alarmNames: ['api-5xx'], enable: true, rollback: true } },
      alarmBakeSeconds: 120,
    },
    waiterRight: (state) => state === 'SUCCESS',
  },
  {
    name: 'pause-hook',
    failure: false,
    outcome: 'PAUSED',
    reference: { sd: 'HOOK', detail: 'POST_TEST_TRAFFIC_SHIFT AWAITING_ACTION' },
    note: 'PAUSE hook, 60 min timeout',
    preset: strategy('BLUE_GREEN', {}, [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 60 },
      },
    ]),
    waiterRight: () => false,
  },
].filter((s) => !args.only || args.only.split(',').includes(s.name));

/** The api service with one of ECS's own strategies: healthy green in 2 min, 2 min bake, alarm api-5xx rolls back. */
function strategy(name, alarm, lifecycleHooks) {
  return {
    rollout: { kind: 'healthy', after: ROLLOUT_S, ...alarm },
    deploymentConfiguration: {
      strategy: name,
      bakeTimeInMinutes: 2,
      alarms: { alarmNames: ['api-5xx'], enable: true, rollback: true },
      ...(name === 'CANARY' ? { canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 } } : {}),
      ...(lifecycleHooks ? { lifecycleHooks } : {}),
    },
  };
}

/**
 * Slipway's report of an outcome: the first line after the transition that says how its rollout
 * ended (or that it reached the stage, or waits at the hook).
 */
const REPORT_LINE = {
  success: /^\[[\d:]+\] PRIMARY \S+ COMPLETED|ECS deployment SUCCESSFUL|^outcome: /,
  failure: /deployment failed:|ECS deployment ROLLBACK_SUCCESSFUL|^outcome: /,
  STAGE_REACHED: /ECS deployment IN_PROGRESS \(\w+\) at BAKE_TIME|^outcome: /,
  PAUSED: /AWAITING_ACTION|^outcome: /,
};

const pollIntervalS = readEnginePollInterval();
let sim;
if (PLATFORMS.includes('ecs') && SCENARIOS.length > 0) await benchEcs();
if (PLATFORMS.includes('kubernetes'))
  await benchKubernetes({
    root,
    runs: RUNS,
    msPerSimSecond: Number(args['kubernetes-ms-per-sim-second']),
    only: args.only?.split(','),
    pollIntervalS,
  });

async function benchEcs() {
  sim = await startSimulator();
  const results = [];
  try {
    for (const scenario of SCENARIOS) {
      for (let run = 1; run <= RUNS; run++) {
        results.push({ scenario: scenario.name, tool: 'slipway', ...(await measureSlipway(scenario)) });
        results.push({ scenario: scenario.name, tool: 'waiter', ...(await measureWaiter(scenario)) });
        process.stderr.write('.');
      }
    }
  } finally {
    sim.child.kill('SIGTERM');
  }
  process.stderr.write('\n');
  printReport(results);
}

/** The engine's default poll interval, read from its source so the bench follows it. */
function readEnginePollInterval() {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-e',
      "const { DEFAULT_POLL_POLICY } = require('./libs/deploy-engine/src/lib/timing/poll-policy.ts');" +
        'process.stdout.write(String(DEFAULT_POLL_POLICY.intervalMs))',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return Number(out) / 1000;
}

async function startSimulator() {
  const { child, match } = await startPrinting(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/ecs-simulator/src/cli.ts'],
    { cwd: root },
    /export AWS_ENDPOINT_URL_ECS=(\S+)/,
  );
  const url = match[1];
  const env = {
    AWS_ENDPOINT_URL_ECS: url,
    AWS_ENDPOINT_URL_ECR: url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'eu-west-1',
  };
  return { child, url, env };
}

function control(method, path, body) {
  return simControl(sim.url, method, path, body);
}

/** The deployment a client created by UpdateService, and the reference transition of the scenario. */
async function transitionsOf(scenario) {
  const { timeline } = await control('GET', 'timeline');
  const created = timeline.find((e) => e.event === 'DEPLOYMENT_CREATED' && e.detail.startsWith('client:'));
  const reference =
    typeof scenario.reference === 'string'
      ? timeline.find((e) => e.event === scenario.reference && e.deploymentId === created?.deploymentId)
      : (await control('GET', 'service-deployments')).timeline.find(
          (e) => e.event === scenario.reference.sd && e.detail.startsWith(scenario.reference.detail),
        );
  if (!created || !reference)
    throw new Error(
      `${scenario.name}: no ${scenario.reference} of the client's deployment in ${JSON.stringify(timeline)}`,
    );
  return { created, reference };
}

/**
 * Polling rates while watching, from the calls made after the client's UpdateService: the steady
 * DescribeServices rate (intervals between consecutive calls, so a short watch with a call at each
 * end does not count double) and the rate of all calls.
 */
async function watchRates(fromSim) {
  const { calls } = await control('GET', 'calls');
  const watched = calls.filter((c) => c.simTime >= fromSim);
  const describes = watched.filter((c) => c.operation === 'DescribeServices').map((c) => c.simTime);
  const reads = watched.filter((c) => c.service === 'ecs' && !c.mutating).map((c) => c.simTime);
  const span = (times) => (times.length > 1 ? times.at(-1) - times[0] : NaN);
  return {
    describePerMin: ((describes.length - 1) / span(describes)) * 60,
    readsPerMin: ((reads.length - 1) / span(reads)) * 60,
    callsPerMin: ((watched.length - 1) / span(watched.map((c) => c.simTime))) * 60,
    lastCall: watched.at(-1),
  };
}

async function measureSlipway(scenario) {
  await control('POST', 'preset/api', { ...scenario.preset, msPerSimSecond: F });
  const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-'));
  const githubOutput = join(dir, 'github-output');
  const env = nxChildEnv(sandboxedEnv(process.env), {
    ...sim.env,
    SLIPWAY_POLL_INTERVAL: `${Math.round(pollIntervalS * F)}ms`,
    GITHUB_OUTPUT: githubOutput,
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    FORCE_COLOR: '0',
  });
  const nx = join(root, 'node_modules/nx/dist/bin/nx.js');
  const args = [
    'run',
    'api:deploy',
    '--',
    '--config',
    'tools/deploy-e2e/fixtures/deploy.sim.json',
    '--environment',
    'sim',
    '--version',
    'v1.2.0',
    ...(scenario.args ?? []),
  ];
  const { exitCode, lines, exitedAt } = await runCollecting(process.execPath, [nx, ...args], { cwd: root, env });
  const outputs = readGithubOutput(githubOutput);
  rmSync(dir, { recursive: true, force: true });

  const { created, reference } = await transitionsOf(scenario);
  const pattern = REPORT_LINE[scenario.outcome] ?? (scenario.failure ? REPORT_LINE.failure : REPORT_LINE.success);
  const report = lines.find((l) => l.at >= reference.realTime && pattern.test(l.text));
  if (!report)
    throw new Error(
      `${scenario.name}: Slipway printed no report line after the transition:\n${lines.map((l) => l.text).join('\n')}`,
    );
  const { describePerMin, readsPerMin, callsPerMin, lastCall } = await watchRates(created.simTime);
  const expected = scenario.outcome ?? (scenario.failure ? 'ROLLED_BACK' : 'DEPLOYED');
  return {
    reportS: (report.at - reference.realTime) / F,
    doneS: (lastCall.realTime - reference.realTime) / F,
    teardownMs: exitedAt - lastCall.realTime,
    describePerMin,
    readsPerMin,
    callsPerMin,
    verdict: `${outputs['outcome']} (${outputs['exit-code']}), nx ${exitCode}`,
    correct: outputs['outcome'] === expected,
  };
}

async function measureWaiter(scenario) {
  const F = F_WAITER;
  await control('POST', 'preset/api', { ...scenario.preset, msPerSimSecond: F });
  const common = {
    endpoint: sim.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const ecs = new ECSClient(common);
  const ecr = new ECRClient(common);
  try {
    // What aws-actions/amazon-ecs-deploy-task-definition does: register the new image, update, wait.
    const image = (
      await ecr.send(new DescribeImagesCommand({ repositoryName: 'slipway/api', imageIds: [{ imageTag: 'v1.2.0' }] }))
    ).imageDetails[0];
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api' }));
    const uri = taskDefinition.containerDefinitions[0].image.split('@')[0];
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        ...taskDefinition,
        containerDefinitions: [{ ...taskDefinition.containerDefinitions[0], image: `${uri}@${image.imageDigest}` }],
      }),
    );
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'sim-cluster',
        service: 'api',
        taskDefinition: registered.taskDefinition.taskDefinitionArn,
      }),
    );
    const scaled = Object.fromEntries(Object.entries(WAITER).map(([key, seconds]) => [key, (seconds * F) / 1000]));
    let state;
    try {
      state = (await waitUntilServicesStable({ client: ecs, ...scaled }, { cluster: 'sim-cluster', services: ['api'] }))
        .state;
    } catch (error) {
      state = error.name === 'TimeoutError' ? 'TIMEOUT' : (/"state":"(\w+)"/.exec(error.message)?.[1] ?? error.name);
    }
    const endedAt = Date.now();
    const { created, reference } = await transitionsOf(scenario);
    const reportS = (endedAt - reference.realTime) / F;
    const { describePerMin, readsPerMin, callsPerMin } = await watchRates(created.simTime);
    const verdict = state === 'SUCCESS' ? (scenario.failure ? 'SUCCESS (wrong: rolled back)' : 'SUCCESS') : state;
    return {
      reportS,
      doneS: reportS,
      teardownMs: undefined,
      describePerMin,
      readsPerMin,
      callsPerMin,
      verdict,
      correct: scenario.waiterRight ? scenario.waiterRight(state) : scenario.failure ? false : state === 'SUCCESS',
    };
  } finally {
    ecs.destroy();
    ecr.destroy();
  }
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
}
function max(xs) {
  return Math.max(...xs);
}
function fmt(x, digits = 1) {
  return x === undefined ? '-' : x.toFixed(digits);
}

function printReport(all) {
  const waiter = `minDelay ${WAITER.minDelay} s, maxDelay ${WAITER.maxDelay} s, maxWaitTime ${WAITER.maxWaitTime} s`;
  console.log(
    `\nbench:deploy  ${RUNS} run(s) per scenario; 1 simulated s = ${F} real ms (waiter runs: ${F_WAITER} ms); ` +
      `Slipway polls every ${pollIntervalS} s (its default); waiter ${waiter}, scaled alike`,
  );
  console.log(
    'Seconds are simulated (= production) seconds from the moment the outcome was visible on the API; ' +
      'median (max) over runs.',
  );
  console.log(
    '"done" = the tool\'s last API call (for Slipway after a failure: the rollback confirmed); ' +
      '"teardown" = real ms from that call to the process exit (Nx; not scaled).\n',
  );
  const header = [
    'scenario',
    'tool',
    'reported after s',
    'done after s',
    'teardown ms',
    'DescribeServices/min',
    'ECS reads/min',
    'calls/min',
    'result',
  ];
  const rows = [];
  for (const scenario of SCENARIOS) {
    for (const tool of ['slipway', 'waiter']) {
      const rs = all.filter((r) => r.scenario === scenario.name && r.tool === tool);
      rows.push([
        tool === 'slipway' ? `${scenario.name}${scenario.note ? ` (${scenario.note})` : ''}` : '',
        tool === 'slipway' ? 'nx run api:deploy' : 'waitUntilServicesStable',
        `${fmt(median(rs.map((r) => r.reportS)))} (${fmt(max(rs.map((r) => r.reportS)))})`,
        `${fmt(median(rs.map((r) => r.doneS)))} (${fmt(max(rs.map((r) => r.doneS)))})`,
        tool === 'slipway'
          ? `${fmt(median(rs.map((r) => r.teardownMs)), 0)} (${fmt(max(rs.map((r) => r.teardownMs)), 0)})`
          : '-',
        `${fmt(median(rs.map((r) => r.describePerMin)))} (${fmt(max(rs.map((r) => r.describePerMin)))})`,
        `${fmt(median(rs.map((r) => r.readsPerMin)))} (${fmt(max(rs.map((r) => r.readsPerMin)))})`,
        `${fmt(median(rs.map((r) => r.callsPerMin)))}`,
        [...new Set(rs.map((r) => r.verdict))].join(' / '),
      ]);
    }
  }
  printTable(header, rows);

  const slipway = all.filter((r) => r.tool === 'slipway');
  const worstReport = max(slipway.map((r) => r.reportS));
  const worstRate = max(slipway.map((r) => r.describePerMin));
  const worstReads = max(slipway.map((r) => r.readsPerMin));
  const ratios = SCENARIOS.filter((s) => s.failure && typeof s.reference === 'string').map((s) => {
    const waiterFirst = Math.min(
      ...all.filter((r) => r.scenario === s.name && r.tool === 'waiter').map((r) => r.reportS),
    );
    const slipwayWorst = max(slipway.filter((r) => r.scenario === s.name).map((r) => r.reportS));
    return { name: s.name, ratio: waiterFirst / Math.max(slipwayWorst, 1e-9) };
  });
  const worstRatio = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a), { ratio: Infinity, name: '-' });
  const allCorrect = slipway.every((r) => r.correct);
  const checks = [
    [
      `every outcome reported within ${TARGET_REPORT_S} s`,
      worstReport <= TARGET_REPORT_S,
      `worst ${fmt(worstReport)} s`,
    ],
    [
      `at most ${TARGET_DESCRIBE_PER_MIN} DescribeServices calls a minute while watching`,
      worstRate <= TARGET_DESCRIBE_PER_MIN,
      `worst ${fmt(worstRate)}/min`,
    ],
    [
      `at most ${TARGET_READS_PER_MIN} ECS read calls a minute while watching`,
      worstReads <= TARGET_READS_PER_MIN,
      `worst ${fmt(worstReads)}/min`,
    ],
    [
      `failed rolling deployments reported >= ${TARGET_SOONER}x sooner than the waiter reports anything`,
      worstRatio.ratio >= TARGET_SOONER,
      `worst ${fmt(worstRatio.ratio, 0)}x (${worstRatio.name}; waiter's best run vs Slipway's worst)`,
    ],
    [
      'Slipway named every outcome right (DEPLOYED / ROLLED_BACK / STAGE_REACHED / PAUSED)',
      allCorrect,
      allCorrect ? 'yes' : 'no',
    ],
  ];
  const waiterWrong = SCENARIOS.filter((s) => typeof s.reference !== 'string').map((s) => {
    const rs = all.filter((r) => r.scenario === s.name && r.tool === 'waiter');
    return `${s.name}: ${[...new Set(rs.map((r) => r.verdict))].join('/')} ${fmt(median(rs.map((r) => r.reportS)))} s after ECS's ${typeof s.reference === 'string' ? s.reference : s.reference.detail}${rs.every((r) => r.correct) ? '' : ' (wrong)'}`;
  });
  if (waiterWrong.length > 0) console.log(`\nThe SDK waiter on ECS's own strategies: ${waiterWrong.join('; ')}.`);
  console.log('');
  for (const [name, ok, detail] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}
