import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-api';
import { readBody } from './read-body';
import type { Scenario } from './scenario';
import { Simulator, type SimulatorOptions } from './simulator';

const JSON_11 = 'application/x-amz-json-1.1';

export interface StartOptions extends SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  simulator: Simulator;
  /** Environment that points the AWS SDK v3 (and the deploy executors) at this simulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the simulator on real HTTP: AWS JSON 1.1 on `POST /`, the control API under `/_sim/`. */
export async function startSimulator(scenario: Scenario, options: StartOptions = {}): Promise<RunningSimulator> {
  const simulator = new Simulator(scenario, options);
  const server = createServer((req, res) => {
    readBody(req)
      .then((text) => route(simulator, req, res, text))
      .catch((error: unknown) => send(res, 500, { 'content-type': 'application/json' }, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address}:${port}`;
  return {
    url,
    port,
    simulator,
    env: {
      AWS_ENDPOINT_URL_ECS: url,
      AWS_ENDPOINT_URL_ECR: url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: simulator.world.options.region,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(simulator: Simulator, req: IncomingMessage, res: ServerResponse, text: string): void {
  const url = new URL(req.url ?? '/', 'http://simulator');
  if (url.pathname.startsWith('/_sim/')) {
    const parsed = parseJson(text);
    if (parsed === INVALID)
      return send(res, 400, { 'content-type': 'application/json' }, { error: 'Body is not JSON' });
    const { status, body } = handleControl(simulator, req.method ?? 'GET', url, parsed);
    return send(res, status, { 'content-type': 'application/json' }, body);
  }
  const target = req.headers['x-amz-target'];
  const requestId = randomUUID();
  if (req.method !== 'POST' || typeof target !== 'string') {
    return sendError(
      res,
      requestId,
      400,
      'UnknownOperationException',
      'Send AWS JSON 1.1: POST / with an X-Amz-Target header.',
    );
  }
  const input = parseJson(text);
  if (input === INVALID || typeof input !== 'object' || input === null) {
    return sendError(res, requestId, 400, 'SerializationException', 'The request body is not a JSON object.');
  }
  const result = simulator.dispatch(target, input as Record<string, unknown>);
  if (result.ok) return send(res, 200, { 'content-type': JSON_11, 'x-amzn-requestid': requestId }, result.body);
  return sendError(res, requestId, result.error.httpStatus, result.error.type, result.error.message);
}

function sendError(res: ServerResponse, requestId: string, status: number, type: string, message: string): void {
  send(
    res,
    status,
    { 'content-type': JSON_11, 'x-amzn-requestid': requestId, 'x-amzn-errortype': type },
    { __type: type, message },
  );
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}
