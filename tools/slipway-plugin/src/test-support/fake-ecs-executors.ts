import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ExecutorContext } from '@nx/devkit';
import { FakeEcsWorld, wireFakeWorld } from '@slipway/deploy-provider-ecs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeEcsExecutors {
  /** What the executor printed on stdout and stderr in this test. */
  readonly out: string[];
  readonly err: string[];
  readonly context: ExecutorContext;
  /** The fake ECS/ECR world behind the mocks, to script releases and read the calls made. */
  readonly world: FakeEcsWorld;
  readonly ecs: AwsClientStub<ECSClient>;
}

/**
 * For an executor spec: a workspace with this deploy.json, ECS and ECR mocked by a fake world
 * that moves in real (tiny) time, stdout captured, and GitHub's step summary and outputs off.
 * Call it at the top of a describe block; it sets everything up afresh before each test.
 */
export function useFakeEcsExecutors(
  environments: Record<string, Record<string, string>>,
  env: NodeJS.ProcessEnv = {},
): FakeEcsExecutors {
  const ecs = mockClient(ECSClient);
  const ecr = mockClient(ECRClient);
  const saved = { ...process.env };
  const harness = {
    out: [] as string[],
    err: [] as string[],
    context: undefined as unknown as ExecutorContext,
    world: undefined as unknown as FakeEcsWorld,
    ecs,
  };

  beforeEach(() => {
    harness.out = [];
    harness.err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (harness.out.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (harness.err.push(String(chunk)), true));
    process.env = { ...saved, GITHUB_STEP_SUMMARY: '', GITHUB_OUTPUT: '', ...env };
    const root = mkdtempSync(join(tmpdir(), 'slipway-executor-'));
    writeFileSync(join(root, 'deploy.json'), JSON.stringify({ environments }));
    harness.context = { root, cwd: root, isVerbose: false, projectName: 'api' } as ExecutorContext;
    ecs.reset();
    ecr.reset();
    harness.world = new FakeEcsWorld({ stepSeconds: 0.02, liveClock: Date.now }, Date.now());
    wireFakeWorld(harness.world, ecs, ecr);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
    rmSync(harness.context.root, { recursive: true, force: true });
  });
  return harness;
}
