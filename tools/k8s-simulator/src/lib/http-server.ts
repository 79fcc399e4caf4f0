import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBody } from '@slipway/ecs-simulator';
import { handleControl } from './control-api';
import { simulatorKubeconfig } from './kubeconfig';
import type { Scenario } from './scenario';
import { K8sSimulator, type SimulatorOptions } from './simulator';

export interface StartOptions extends SimulatorOptions {
  /** Default 0: an ephemeral port. */
  readonly port?: number;
}

export interface RunningK8sSimulator {
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:<port>`: the OCI registry answers on the same port under /v2/. */
  readonly registryHost: string;
  /** A kubeconfig file pointing at this simulator (context `k8s-sim`). */
  readonly kubeconfigPath: string;
  readonly simulator: K8sSimulator;
  /** Environment for a deploy against this simulator (KUBECONFIG). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the simulator on 127.0.0.1: the Kubernetes API (`/api/v1`, `/apis/apps/v1`), an OCI
 * registry (`/v2/`) and the control API (`/_sim/`), all on one ephemeral port.
 */
export async function startK8sSimulator(scenario: Scenario, options: StartOptions = {}): Promise<RunningK8sSimulator> {
  // The world needs the port (images name the registry by it), so it is built after listen().
  const holder: { simulator?: K8sSimulator } = {};
  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => (holder.simulator ? route(holder.simulator, req, res, text) : send(res, 503, {}, 'starting')))
      .catch((error: unknown) =>
        send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: String(error) })),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const simulator = new K8sSimulator(scenario, `127.0.0.1:${port}`, options);
  holder.simulator = simulator;
  const dir = await mkdtemp(join(tmpdir(), 'k8s-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, simulatorKubeconfig(url, { token: scenario.token }));
  return {
    url,
    port,
    registryHost: `127.0.0.1:${port}`,
    kubeconfigPath,
    simulator,
    env: { KUBECONFIG: kubeconfigPath },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function route(simulator: K8sSimulator, req: IncomingMessage, res: ServerResponse, text: string): void {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  const query = Object.fromEntries(url.searchParams);
  const json = { 'content-type': 'application/json' };
  if (url.pathname.startsWith('/_sim/')) {
    let body: unknown = {};
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return send(res, 400, json, JSON.stringify({ error: 'the body is not JSON' }));
    }
    const answer = handleControl(simulator, method, url, body);
    return send(res, answer.status, json, JSON.stringify(answer.body));
  }
  if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) {
    const answer = simulator.handleRegistry(method, url.pathname, query);
    res.writeHead(answer.status, answer.headers);
    res.end(method === 'HEAD' ? undefined : answer.body);
    return;
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
  );
  const answer = simulator.handleApi({ method, path: url.pathname, query, headers, body: text });
  send(res, answer.status, { ...json, ...answer.headers }, JSON.stringify(answer.body));
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
