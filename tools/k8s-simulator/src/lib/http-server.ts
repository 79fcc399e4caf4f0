import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBody } from '@slipway/ecs-simulator';
import { throwawayCertificate } from './certificate';
import { handleControl } from './control-api';
import { simulatorKubeconfig } from './kubeconfig';
import type { Scenario } from './scenario';
import { K8sSimulator, type SimulatorOptions } from './simulator';

export interface StartOptions extends SimulatorOptions {
  /** Default 0: an ephemeral port. */
  readonly port?: number;
}

export interface RunningK8sSimulator {
  /** `http://127.0.0.1:<port>`: the control API and the registry. */
  readonly url: string;
  /** `https://127.0.0.1:<port>`: the Kubernetes API, as the kubeconfig names it. */
  readonly apiUrl: string;
  readonly port: number;
  /** `127.0.0.1:<port>`: the OCI registry answers on the same port under /v2/ (plain HTTP). */
  readonly registryHost: string;
  /** A kubeconfig file pointing at this simulator (context `k8s-sim`), trusting its certificate. */
  readonly kubeconfigPath: string;
  /** PEM certificate of the API's throwaway TLS key. */
  readonly certificate: string;
  readonly simulator: K8sSimulator;
  /** Environment for a deploy against this simulator (KUBECONFIG). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** The first byte of a TLS handshake record; anything else on a new connection is plain HTTP. */
const TLS_HANDSHAKE = 0x16;

/**
 * Starts the simulator on one ephemeral 127.0.0.1 port that speaks both HTTPS and HTTP (told apart
 * by a connection's first byte): the Kubernetes API over TLS with a throwaway certificate (kubectl
 * never sends a bearer token over plain HTTP), the OCI registry (`/v2/`) and the control API
 * (`/_sim/`) over either.
 */
export async function startK8sSimulator(scenario: Scenario, options: StartOptions = {}): Promise<RunningK8sSimulator> {
  const tls = await throwawayCertificate();
  // The world needs the port (images name the registry by it), so it is built after listen().
  const holder: { simulator?: K8sSimulator } = {};
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then((text) => (holder.simulator ? route(holder.simulator, req, res, text) : send(res, 503, {}, 'starting')))
      .catch((error: unknown) =>
        send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: String(error) })),
      );
  };
  const http = createServer(handler);
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, handler);
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Watch events are small writes that must go out at once.
    socket.setNoDelay(true);
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const apiUrl = `https://127.0.0.1:${port}`;
  const simulator = new K8sSimulator(scenario, `127.0.0.1:${port}`, options);
  holder.simulator = simulator;
  const dir = await mkdtemp(join(tmpdir(), 'k8s-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, simulatorKubeconfig(apiUrl, { token: scenario.token, certificate: tls.cert }));
  return {
    url,
    apiUrl,
    port,
    registryHost: `127.0.0.1:${port}`,
    kubeconfigPath,
    certificate: tls.cert,
    simulator,
    env: { KUBECONFIG: kubeconfigPath },
    close: async () => {
      simulator.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
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
  if (answer.stream) return stream(res, answer.stream);
  send(res, answer.status, { ...json, ...answer.headers }, JSON.stringify(answer.body));
}

/** A watch: one JSON event per line on a chunked 200, until the watch ends or the client goes. */
function stream(res: ServerResponse, start: NonNullable<ReturnType<K8sSimulator['handleApi']>['stream']>): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  let open = true;
  const stop = start({
    send: (event) => {
      if (open) res.write(`${JSON.stringify(event)}\n`);
    },
    end: () => {
      if (open) res.end();
      open = false;
    },
  });
  res.on('close', () => {
    open = false;
    stop();
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
