import { ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { type DeployReport, runDeploy, runRollback, runStatus, DEFAULT_POLL_POLICY } from '@slipway/deploy-engine';
import { SimulatedClock } from '@slipway/deploy-engine/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { createEcsProviderFactory } from './factory';
import {
  awsError,
  FAKE_CLUSTER,
  FakeEcsWorld,
  type FakeWorldOptions,
  fakeDigest,
  FAKE_REPOSITORY_URI,
} from './test-support/fake-ecs-world';
import { wireFakeWorld } from './test-support/wire-fake-world';

const ecsMock = mockClient(ECSClient);
const ecrMock = mockClient(ECRClient);
const root = mkdtempSync(join(tmpdir(), 'slipway-ecs-it-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  join(root, 'deploy.json'),
  JSON.stringify({
    environments: {
      production: {
        provider: 'ecs',
        region: 'eu-west-1',
        cluster: FAKE_CLUSTER,
        service: 'api',
        container: 'api',
        repository: 'slipway/api',
      },
      staging: {
        provider: 'ecs',
        region: 'eu-west-1',
        cluster: 'slipway-staging',
        service: 'api',
        container: 'api',
        repository: 'slipway/api',
      },
    },
  }),
);

interface Harness {
  world: FakeEcsWorld;
  clock: SimulatedClock;
  lines: string[];
  /** Runs `action` once simulated time reaches start + `ms`. */
  at(ms: number, action: () => void): void;
  deploy(options: Record<string, unknown>, abortAfterMs?: number): Promise<DeployReport>;
}

function harness(options: FakeWorldOptions = {}): Harness {
  ecsMock.reset();
  ecrMock.reset();
  const start = Date.UTC(2026, 0, 1, 3, 0, 0);
  const world = new FakeEcsWorld(options, start);
  wireFakeWorld(world, ecsMock, ecrMock);
  const lines: string[] = [];
  let abortAt = Infinity;
  const controller = new AbortController();
  const scheduled: Array<{ at: number; action: () => void }> = [];
  const clock = new SimulatedClock(
    start,
    () => 0.5,
    (now) => {
      world.advanceTo(now);
      for (const item of scheduled.filter((s) => s.at <= now)) {
        scheduled.splice(scheduled.indexOf(item), 1);
        item.action();
      }
      if (now >= abortAt) controller.abort();
    },
  );
  const providers = [
    createEcsProviderFactory(() => ({
      ecs: new ECSClient({ region: 'eu-west-1' }),
      ecr: new ECRClient({ region: 'eu-west-1' }),
    })),
  ];
  const deps = {
    app: 'api',
    workspaceRoot: root,
    providers,
    env: {},
    log: (l: string) => lines.push(l),
    clock,
    pollPolicy: DEFAULT_POLL_POLICY,
    signal: controller.signal,
  };
  return {
    world,
    clock,
    lines,
    at: (ms, action) => scheduled.push({ at: start + ms, action }),
    deploy: (opts, abortAfterMs) => {
      if (abortAfterMs !== undefined) abortAt = start + abortAfterMs;
      return runDeploy({ config: 'deploy.json', environment: 'production', ...opts }, deps);
    },
  };
}

describe('ECS deploy end to end against a fake ECS/ECR (simulated time)', () => {
  it('deploys a healthy version: digest-pinned revision, tagged, watched to COMPLETED', async () => {
    const h = harness();
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report.outcome).toBe('DEPLOYED');
    expect(report.exitCode).toBe(0);
    expect(report.digest).toBe(fakeDigest('v1.2.0'));
    expect(report.commit).toBe('b'.repeat(40));
    expect(report.newRevision?.label).toBe('api:2');
    const registered = h.world.definitions.get(report.newRevision!.id)!;
    expect(registered.definition.containerDefinitions?.[0].image).toBe(
      `${FAKE_REPOSITORY_URI}@${fakeDigest('v1.2.0')}`,
    );
    expect(registered.definition.containerDefinitions?.[1].image).toContain('fluent-bit');
    expect(registered.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'platform' },
        { key: 'slipway:version', value: 'v1.2.0' },
        { key: 'slipway:commit', value: 'b'.repeat(40) },
        { key: 'slipway:previous-task-definition', value: expect.stringContaining('task-definition/api:1') },
      ]),
    );
    expect(h.lines.some((l) => l.includes('COMPLETED'))).toBe(true);
    if (process.env['SHOW_LINES']) console.log(h.lines.join('\n'));
    // steady polling: one DescribeServices per poll, polls 3.1–3.9 s apart
    expect(h.clock.sleeps.every((ms) => ms >= 3_100 && ms <= 3_900)).toBe(true);
  });

  it('rolls back itself on pull errors before the circuit breaker trips, and says why', async () => {
    const h = harness();
    h.world.behave('v1.2.0', 'pull-error');
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report.outcome).toBe('ROLLED_BACK');
    expect(report.exitCode).toBe(3);
    expect(report.rollback).toMatchObject({ by: 'slipway', status: 'COMPLETED', revision: { label: 'api:1' } });
    expect(report.stoppedTasks[0]).toMatchObject({ category: 'pull', code: 'TaskFailedToStart' });
    expect(report.message).toContain('pull');
    if (process.env['SHOW_LINES']) console.log(h.lines.join('\n'));
    expect(h.world.service.taskDefinition).toContain('task-definition/api:1');
    expect(h.world.definitions.size).toBe(2); // nothing deregistered
  });

  it('follows a circuit-breaker rollback to the end when failures do not trip fail-fast', async () => {
    const h = harness();
    h.world.behave('v1.2.0', 'health-fail');
    const report = await runWithFailFast(h, {
      fatalCategories: [],
      maxFailedTasks: 99,
      platformRollbackGraceMs: 15_000,
    });
    expect(report.outcome).toBe('ROLLED_BACK');
    expect(report.rollback).toMatchObject({ by: 'platform', status: 'COMPLETED' });
    expect(report.message).toContain('circuit breaker');
    expect(h.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
  });

  it('a breaker trip between DescribeServices and ListTasks of one poll: follows the ECS rollback, no second UpdateService', async () => {
    const h = harness({ desiredCount: 3 });
    h.world.behave('v1.2.0', 'crash');
    // Answer the first watch poll's DescribeServices (the 2nd call; the 1st is pre-flight), then
    // let the world run 15 s: three tasks crash, the breaker trips and ECS starts its rollback
    // before the same poll's ListTasks. The poll sees crashed tasks on a rollout still IN_PROGRESS.
    let describes = 0;
    ecsMock.on(DescribeServicesCommand).callsFake(async (input) => {
      const answer = await h.world.describeServices(input);
      if (++describes === 2) h.world.advanceTo(h.clock.now() + 15_000);
      return answer;
    });
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(h.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(report).toMatchObject({
      outcome: 'ROLLED_BACK',
      exitCode: 3,
      rollback: { by: 'platform', status: 'COMPLETED', revision: { label: 'api:1' } },
    });
    expect(report.stoppedTasks[0]).toMatchObject({ category: 'essential-exit' });
    expect(h.lines.join('\n')).toContain('the platform is already rolling back to api:1');
    expect(h.world.service.taskDefinition).toContain('task-definition/api:1');
  });

  it('--no-rollback leaves a crash-looping deployment alone (exit 4)', async () => {
    const h = harness({ circuitBreaker: { enable: false, rollback: false } });
    h.world.behave('v1.2.0', 'crash');
    const report = await h.deploy({ version: 'v1.2.0', rollback: false });
    expect(report.outcome).toBe('FAILED');
    expect(report.exitCode).toBe(4);
    expect(report.rollback?.status).toBe('DISABLED');
    expect(report.stoppedTasks[0].containers[0]).toMatchObject({ name: 'api', exitCode: 1 });
    expect(h.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
  });

  it('times out a stuck deployment and restores the previous revision (exit 5)', async () => {
    const h = harness();
    h.world.behave('v1.2.0', 'stuck');
    const report = await h.deploy({ version: 'v1.2.0', timeout: '2m' });
    expect(report.outcome).toBe('TIMED_OUT');
    expect(report.exitCode).toBe(5);
    expect(report.rollback).toMatchObject({ by: 'slipway', status: 'COMPLETED' });
    expect(report.durationMs).toBeGreaterThanOrEqual(120_000);
    expect(report.durationMs).toBeLessThan(200_000);
  });

  it('fails pre-flight in seconds for a missing tag, naming the nearest versions; nothing mutated', async () => {
    const h = harness({ releases: { 'v1.1.0': 'a'.repeat(40), 'v1.2.0': 'b'.repeat(40), 'v1.3.1': 'c'.repeat(40) } });
    const report = await h.deploy({ version: 'v1.3.0' });
    expect(report.outcome).toBe('PREFLIGHT_FAILED');
    expect(report.exitCode).toBe(2);
    expect(report.nearestVersions).toEqual(['v1.3.1', 'v1.2.0', 'v1.1.0']);
    expect(report.message).toContain('slipway/api:v1.3.0 does not exist');
    expect(h.world.mutatingCalls()).toEqual([]);
    expect(report.durationMs).toBeLessThan(1_000);
  });

  it('AccessDenied on DescribeServices is a pre-flight failure; nothing mutated', async () => {
    const h = harness();
    h.world.fail(
      'DescribeServices',
      awsError('AccessDeniedException', 'User is not authorized to perform: ecs:DescribeServices', 400),
    );
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report.outcome).toBe('PREFLIGHT_FAILED');
    expect(report.message).toContain('AccessDeniedException');
    expect(h.world.mutatingCalls()).toEqual([]);
  });

  it('AccessDenied on UpdateService: APPLY_REFUSED (2); nothing running changed, the registered revision is named unused, nothing deregistered', async () => {
    const h = harness();
    h.world.fail(
      'UpdateService',
      awsError('AccessDeniedException', 'User is not authorized to perform: ecs:UpdateService', 400),
    );
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report).toMatchObject({
      outcome: 'APPLY_REFUSED',
      exitCode: 2,
      unusedRevision: { label: 'api:2', version: 'v1.2.0' },
    });
    expect(report.message).toContain(
      'Nothing running changed: ECS service api in cluster slipway-production (eu-west-1) stays on api:1 (v1.1.0).',
    );
    expect(report.nextSteps).toContain('aws ecs deregister-task-definition --region eu-west-1 --task-definition api:2');
    expect(h.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(h.world.service.taskDefinition).toContain('task-definition/api:1');
    expect(h.world.definitions.size).toBe(2);
  });

  it('a throttled UpdateService is retried on the revision already registered, never registering another', async () => {
    const h = harness();
    h.world.fail('UpdateService', awsError('ThrottlingException', 'Rate exceeded'), 2);
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report).toMatchObject({ outcome: 'DEPLOYED', newRevision: { label: 'api:2' } });
    expect(h.world.mutatingCalls()).toEqual([
      'RegisterTaskDefinition',
      'UpdateService',
      'UpdateService',
      'UpdateService',
    ]);
    expect(h.world.definitions.size).toBe(2);
  });

  it('missing service and missing cluster fail pre-flight', async () => {
    const h = harness();
    const missingService = await h.deploy({ version: 'v1.2.0', service: 'nope' });
    expect(missingService.outcome).toBe('PREFLIGHT_FAILED');
    expect(missingService.message).toContain('service nope not found');
    const missingCluster = await h.deploy({ version: 'v1.2.0', cluster: 'nope' });
    expect(missingCluster.message).toContain('ClusterNotFoundException');
    expect(h.world.mutatingCalls()).toEqual([]);
  });

  it('survives a throttling burst while watching', async () => {
    const h = harness();
    h.world.fail('DescribeServices', awsError('ThrottlingException', 'Rate exceeded'), 1); // pre-flight
    h.at(5_000, () => h.world.fail('DescribeServices', awsError('ThrottlingException', 'Rate exceeded'), 4)); // mid-watch
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report.outcome).toBe('DEPLOYED');
    expect(h.lines.filter((l) => l.includes('throttled'))).toHaveLength(5);
    // backoff grows: every throttled poll waits longer than the steady interval
    expect(Math.max(...h.clock.sleeps)).toBeGreaterThan(20_000);
  });

  it('refuses while another deployment is in progress (exit 7) unless --force', async () => {
    const h = harness();
    h.world.behave('v1.1.5', 'stuck');
    h.world.images.push({ repositoryName: 'slipway/api', imageDigest: fakeDigest('v1.1.5'), imageTags: ['v1.1.5'] });
    h.world.startForeignDeployment('v1.1.5', h.clock.now());
    const refused = await h.deploy({ version: 'v1.2.0' });
    expect(refused.outcome).toBe('REFUSED_IN_PROGRESS');
    expect(refused.exitCode).toBe(7);
    expect(h.world.mutatingCalls()).toEqual([]);
    const forced = await h.deploy({ version: 'v1.2.0', force: true });
    expect(forced.outcome).toBe('DEPLOYED');
  });

  it('reports SUPERSEDED when someone else deploys mid-watch', async () => {
    const h = harness();
    h.world.behave('v1.2.0', 'stuck');
    h.at(20_000, () => h.world.startForeignDeployment('v1.1.0', h.clock.now()));
    const report = await h.deploy({ version: 'v1.2.0' });
    expect(report.outcome).toBe('SUPERSEDED');
    expect(report.exitCode).toBe(6);
  });

  it('SIGINT while watching: stops, exit 130, prints the commands to check or roll back', async () => {
    const h = harness();
    h.world.behave('v1.2.0', 'stuck');
    const report = await h.deploy({ version: 'v1.2.0' }, 30_000);
    expect(report.outcome).toBe('INTERRUPTED');
    expect(report.exitCode).toBe(130);
    expect(report.nextSteps).toEqual(
      expect.arrayContaining([
        'npx nx run api:deploy-status -- --environment production',
        'npx nx run api:rollback -- --environment production --to v1.1.0',
      ]),
    );
    expect(h.world.mutatingCalls()).toEqual(['RegisterTaskDefinition', 'UpdateService']);
  });

  it('rollback redeploys the previously deployed version through the same path; status shows it', async () => {
    const h = harness();
    expect((await h.deploy({ version: 'v1.2.0' })).outcome).toBe('DEPLOYED');
    const deps = {
      app: 'api',
      workspaceRoot: root,
      providers: [
        createEcsProviderFactory(() => ({
          ecs: new ECSClient({ region: 'eu-west-1' }),
          ecr: new ECRClient({ region: 'eu-west-1' }),
        })),
      ],
      env: {},
      log: () => undefined,
      clock: h.clock,
    };
    const back = await runRollback({ config: 'deploy.json', environment: 'production' }, deps);
    expect(back.outcome).toBe('DEPLOYED');
    expect(back.command).toBe('rollback');
    expect(back.version).toBe('v1.1.0');
    const status = await runStatus({ config: 'deploy.json', environment: 'production' }, deps);
    expect(status.environments[0]).toMatchObject({
      version: 'v1.1.0',
      revision: 'api:3',
      rolloutState: 'COMPLETED',
      digest: fakeDigest('v1.1.0'),
    });
  });

  async function runWithFailFast(
    h: Harness,
    failFast: { fatalCategories: []; maxFailedTasks: number; platformRollbackGraceMs: number },
  ) {
    const providers = [
      createEcsProviderFactory(() => ({
        ecs: new ECSClient({ region: 'eu-west-1' }),
        ecr: new ECRClient({ region: 'eu-west-1' }),
      })),
    ];
    return runDeploy(
      { config: 'deploy.json', environment: 'production', version: 'v1.2.0' },
      { app: 'api', workspaceRoot: root, providers, env: {}, log: (l) => h.lines.push(l), clock: h.clock, failFast },
    );
  }
});
