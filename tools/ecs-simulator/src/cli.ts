import { exportLines, parseCliArgs, UsageError } from './lib/cli-args';
import { startSimulator } from './lib/http-server';

/** Standalone simulator: `node -r @swc-node/register tools/ecs-simulator/src/cli.ts --scenario crash-loop`. */
async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const running = await startSimulator(options.scenario, options);
  process.stdout.write(
    `ECS/ECR simulator listening on ${running.url} (1 simulated second = ${running.simulator.clock.msPerSimSecond} ms)\n` +
      `Point the SDK at it:\n${exportLines(running.env)}\n` +
      `Control API: GET ${running.url}/_sim/state | /_sim/calls | /_sim/timeline, POST /_sim/scenario | /_sim/faults | /_sim/advance\n`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof UsageError ? error.message : String(error)}\n`);
  process.exit(2);
});
