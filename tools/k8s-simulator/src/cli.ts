import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startK8sSimulator } from './lib/http-server';
import { PRESETS } from './lib/presets';
import { validateScenario } from './lib/scenario';

/** `nx run k8s-simulator:serve -- --scenario crash-loop [--port 4600] [--ms-per-sim-second 100]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'healthy' },
      port: { type: 'string', default: '0' },
      'ms-per-sim-second': { type: 'string', default: '100' },
    },
  });
  const name = values.scenario ?? 'healthy';
  const scenario = PRESETS[name] ? PRESETS[name]() : validateScenario(JSON.parse(readFileSync(name, 'utf8')));
  const sim = await startK8sSimulator(scenario, {
    port: Number(values.port),
    msPerSimSecond: Number(values['ms-per-sim-second']),
  });
  process.stdout.write(
    [
      `k8s simulator (${name}): API ${sim.apiUrl}, registry and control ${sim.url}`,
      `export KUBECONFIG=${sim.kubeconfigPath}`,
      'kubectl -n slipway get deploy,rs,pods',
      `npx nx run api:deploy -- --version v1.2.0 --environment kubernetes --kubeconfig ${sim.kubeconfigPath} --context k8s-sim --namespace slipway --repository ${sim.registryHost}/slipway/api`,
      `curl -s ${sim.url}/_sim/calls?write=true`,
      '',
    ].join('\n'),
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
