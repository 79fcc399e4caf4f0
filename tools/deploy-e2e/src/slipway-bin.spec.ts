import { apiScenario, NEW_VERSION, OTHER_VERSION } from '@slipway/ecs-simulator';
import { SIM_CONFIG } from './lib/nx-run';
import { SimSession } from './lib/sim-session';
import { expectOutcome, outputOf } from './test-support/expect-run';
import { circuitBreakerRollbackScenario } from './test-support/scenarios';

/**
 * `nx run` collapses every failure to exit 1; the plugin's thin runner exits with the distinct
 * code. A few codes through the runner (the other specs read every code from $GITHUB_OUTPUT,
 * the summary line and --json of `nx run`).
 */
describe('tools/slipway-plugin/bin/slipway.js exits with the distinct code', () => {
  let session: SimSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it.each([
    [
      'DEPLOYED',
      0,
      apiScenario({ rollout: { kind: 'healthy', after: 30 } }),
      [] as string[],
      ['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)'],
    ],
    [
      'ROLLED_BACK',
      3,
      circuitBreakerRollbackScenario(),
      [],
      ['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)'],
    ],
    ['REFUSED_IN_PROGRESS', 7, apiScenario({ inProgress: true }), [], []],
  ])('%s exits %i', async (outcome, code, scenario, extra, mutations) => {
    session = await SimSession.start(scenario);
    const run = await session.run(
      'deploy',
      ['--version', outcome === 'REFUSED_IN_PROGRESS' ? OTHER_VERSION : NEW_VERSION, ...extra],
      { runner: 'bin' },
    );
    expectOutcome(run, outcome, code);
    expect(run.mutations).toEqual(mutations);
  });

  it('INTERRUPTED exits 130, and without Nx in between the summary reaches the terminal', async () => {
    session = await SimSession.start(apiScenario({ rollout: { kind: 'stuck' } }));
    const s = session;
    const run = await s.run('deploy', ['--version', NEW_VERSION], {
      runner: 'bin',
      interruptWhen: async () => {
        await s.callMade((c) => c.operation === 'UpdateService');
        const after = s.sim.simulator.calls.list().at(-1)!.seq;
        await s.callMade((c) => c.operation === 'DescribeServices' && c.seq > after);
      },
    });
    expectOutcome(run, 'INTERRUPTED', 130);
    expect(outputOf(run)).toContain('SIGINT received: stopping the watch (the deployment itself goes on)');
    expect(run.stdout).toContain(
      `    npx nx run api:rollback -- --config ${SIM_CONFIG} --environment sim --to v1.1.0\n`,
    );
    expect(run.mutations).toEqual(['RegisterTaskDefinition(api v1.2.0)', 'UpdateService(api:3)']);
  });
});
