import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { connectKubernetes, loadKubeconfig, selectContext } from './kube-client';

function kubeconfig(server: string, contexts: { name: string; namespace?: string }[], current?: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: sim`,
    `  cluster: { server: "${server}", insecure-skip-tls-verify: true }`,
    'users:',
    '- name: ci',
    '  user: { token: "secret-token" }',
    'contexts:',
    ...contexts.map(
      (c) =>
        `- name: ${c.name}\n  context: { cluster: sim, user: ci${c.namespace ? `, namespace: ${c.namespace}` : ''} }`,
    ),
    ...(current ? [`current-context: ${current}`] : []),
    '',
  ].join('\n');
}

describe('kubeconfig: the standard loading order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-kubeconfig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const first = write('first', kubeconfig('http://127.0.0.1:1', [{ name: 'staging', namespace: 'web' }], 'staging'));
  const second = write('second', kubeconfig('http://127.0.0.1:1', [{ name: 'production' }], 'production'));

  it('the kubeconfig setting wins over KUBECONFIG', () => {
    const loaded = loadKubeconfig({ kubeconfig: second }, { KUBECONFIG: first });
    expect(loaded.source).toBe('the kubeconfig setting');
    expect(loaded.config.getCurrentContext()).toBe('production');
  });

  it('KUBECONFIG is a path list, merged, the first current-context winning', () => {
    const loaded = loadKubeconfig({}, { KUBECONFIG: [first, second].join(delimiter) });
    expect(loaded.config.getContexts().map((c) => c.name)).toEqual(['staging', 'production']);
    expect(loaded.config.getCurrentContext()).toBe('staging');
  });

  it('then ~/.kube/config, then the in-cluster service account, else a clear error', () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    expect(() => loadKubeconfig({}, { HOME: home })).toThrow(
      /no kubeconfig found: set "kubeconfig" in the deploy config, or KUBECONFIG, or create/,
    );
    const token = write('token', 'sa-token');
    const inCluster = loadKubeconfig({}, { HOME: home, KUBERNETES_SERVICE_HOST: '10.0.0.1' }, undefined, token);
    expect(inCluster.source).toBe('in-cluster service account');
    writeFileSync(join(home, '.kube', 'config'), kubeconfig('http://127.0.0.1:1', [{ name: 'home' }], 'home'));
    expect(loadKubeconfig({}, { HOME: home }).config.getCurrentContext()).toBe('home');
  });

  it('a missing or unreadable file is invalid input', () => {
    expect(() => loadKubeconfig({ kubeconfig: join(dir, 'nope') }, {})).toThrow(/does not exist/);
    expect(() => loadKubeconfig({ kubeconfig: write('bad', 'clusters: [') }, {})).toThrow(/cannot be read/);
  });

  it("picks the context and the namespace: setting, else the context's, else default", () => {
    const loaded = loadKubeconfig({}, { KUBECONFIG: [first, second].join(delimiter) });
    expect(selectContext(loaded, {})).toEqual({ context: 'staging', namespace: 'web', server: 'http://127.0.0.1:1' });
    expect(selectContext(loaded, { context: 'production' })).toMatchObject({
      context: 'production',
      namespace: 'default',
    });
    expect(selectContext(loaded, { context: 'production', namespace: 'prod' })).toMatchObject({ namespace: 'prod' });
    expect(() => selectContext(loaded, { context: 'qa' })).toThrow(
      /context "qa" is not in KUBECONFIG=.*; it has: staging, production/,
    );
    const none = loadKubeconfig({ kubeconfig: write('none', kubeconfig('http://x', [{ name: 'a' }])) }, {});
    expect(() => selectContext(none, {})).toThrow(/has no current-context; set "context" \(one of: a\)/);
  });
});

describe('connectKubernetes: the calls on the wire', () => {
  let server: Server;
  const seen: { method?: string; url?: string; type?: string; auth?: string; body: string }[] = [];
  let port = 0;
  const answer = (req: IncomingMessage) => {
    if (req.url?.startsWith('/api/v1/namespaces/gone'))
      return { status: 404, body: { kind: 'Status', reason: 'NotFound', message: 'namespaces "gone" not found' } };
    if (req.url?.startsWith('/api/v1/namespaces/secret'))
      return { status: 403, body: { kind: 'Status', reason: 'Forbidden', message: 'nope' } };
    if (req.url?.includes('/replicasets?') || req.url?.includes('/pods?') || req.url?.includes('/deployments?'))
      return {
        status: 200,
        body: { kind: 'List', metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'x' } }] },
      };
    if (req.url?.includes('/deployments/missing'))
      return {
        status: 404,
        body: { kind: 'Status', reason: 'NotFound', message: 'deployments.apps "missing" not found' },
      };
    return { status: 200, body: { metadata: { name: 'api', generation: 2 } } };
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          type: req.headers['content-type'],
          auth: req.headers.authorization,
          body,
        });
        const { status, body: out } = answer(req);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    return new Promise((resolve) => server.close(resolve));
  });

  function connect(namespace: string) {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-kc-'));
    dirs.push(dir);
    const path = join(dir, 'config');
    writeFileSync(path, kubeconfig(`http://127.0.0.1:${port}`, [{ name: 'sim' }], 'sim'));
    return connectKubernetes(
      { kubeconfig: path, namespace, deployment: 'api', container: 'api', repository: 'r/x' },
      {},
    );
  }

  it('reads, patches with a JSON patch, lists by label selector, with the bearer token', async () => {
    const kube = connect('prod');
    expect(kube).toMatchObject({
      endpoint: `http://127.0.0.1:${port} (context sim)`,
      context: 'sim',
      namespace: 'prod',
    });
    expect((await kube.readDeployment('api')).metadata?.generation).toBe(2);
    await kube.patchDeployment('api', [
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'img' },
    ]);
    expect(await kube.listReplicaSets('app=api')).toMatchObject({
      items: [{ metadata: { name: 'x' } }],
      resourceVersion: '42',
    });
    await kube.readReplicaSet('api-abc');
    expect((await kube.listPods('app=api,pod-template-hash=abc')).items).toHaveLength(1);
    expect((await kube.listDeployments('metadata.name=api')).resourceVersion).toBe('42');
    expect(seen.map((s) => `${s.method} ${decodeURIComponent(s.url ?? '')}`)).toEqual([
      'GET /apis/apps/v1/namespaces/prod/deployments/api',
      'PATCH /apis/apps/v1/namespaces/prod/deployments/api?fieldManager=slipway',
      'GET /apis/apps/v1/namespaces/prod/replicasets?labelSelector=app=api',
      'GET /apis/apps/v1/namespaces/prod/replicasets/api-abc',
      'GET /api/v1/namespaces/prod/pods?labelSelector=app=api,pod-template-hash=abc',
      'GET /apis/apps/v1/namespaces/prod/deployments?fieldSelector=metadata.name=api',
    ]);
    expect(seen[1]).toMatchObject({
      type: 'application/json-patch+json',
      auth: 'Bearer secret-token',
      body: '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"img"}]',
    });
  });

  it('errors are provider errors; the namespace check says yes, no, or cannot tell', async () => {
    await expect(connect('prod').readDeployment('missing')).rejects.toMatchObject({
      kind: 'not-found',
      operation: 'get deployment',
      message: 'NotFound: deployments.apps "missing" not found',
    });
    await expect(connect('prod').namespaceExists()).resolves.toBe(true);
    await expect(connect('gone').namespaceExists()).resolves.toBe(false);
    await expect(connect('secret').namespaceExists()).resolves.toBeUndefined();
  });
});

describe('connectKubernetes: watches on the wire', () => {
  let server: Server;
  let port = 0;
  let dir = '';
  const urls: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      urls.push(decodeURIComponent(req.url ?? ''));
      if (req.url?.includes('/pods?')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: 403, message: 'forbidden' }));
        return;
      }
      if (req.url?.includes('resourceVersion=1')) {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: 410, reason: 'Expired' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const event = (type: string, resourceVersion: string) =>
        `${JSON.stringify({
          type,
          object: {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name: 'api-1', resourceVersion, creationTimestamp: '2026-01-01T00:00:00Z' },
          },
        })}\n`;
      res.write(event('ADDED', '7'));
      if (req.url?.includes('resourceVersion=5')) res.end(event('MODIFIED', '8'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  function connect() {
    dir ||= mkdtempSync(join(tmpdir(), 'slipway-kc-'));
    const path = join(dir, 'config');
    writeFileSync(path, kubeconfig(`http://127.0.0.1:${port}`, [{ name: 'sim' }], 'sim'));
    return connectKubernetes(
      { kubeconfig: path, namespace: 'prod', deployment: 'api', container: 'api', repository: 'r/x' },
      {},
    );
  }

  function collect() {
    const events: { type: string; object: { metadata?: { resourceVersion?: string; creationTimestamp?: unknown } } }[] =
      [];
    let resolveEnd: (error: unknown) => void = () => undefined;
    const ended = new Promise<unknown>((resolve) => (resolveEnd = resolve));
    return {
      events,
      ended,
      sink: {
        event: (type: string, object: never) => events.push({ type, object }),
        ended: (e?: unknown) => resolveEnd(e),
      },
    };
  }

  it('streams typed objects until stopped; a stream the server closes ends without an error', async () => {
    const kube = connect();
    const open = collect();
    const stop = await kube.watch('replicasets', { resourceVersion: '3', labelSelector: 'app=api' }, open.sink);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open.events).toMatchObject([{ type: 'ADDED', object: { metadata: { resourceVersion: '7' } } }]);
    expect(open.events[0].object.metadata?.creationTimestamp).toBeInstanceOf(Date);
    stop();
    const closing = collect();
    await kube.watch('replicasets', { resourceVersion: '5' }, closing.sink);
    expect(await closing.ended).toBeUndefined();
    expect(closing.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    expect(urls[0]).toBe(
      '/apis/apps/v1/namespaces/prod/replicasets?watch=true&resourceVersion=3&labelSelector=app=api&allowWatchBookmarks=true',
    );
  });

  it('a watch the server refuses rejects with its status: 403 access denied, 410 Gone', async () => {
    await expect(connect().watch('pods', { resourceVersion: '3' }, collect().sink)).rejects.toMatchObject({
      kind: 'access-denied',
      operation: 'watch pods',
    });
    await expect(connect().watch('deployments', { resourceVersion: '1' }, collect().sink)).rejects.toMatchObject({
      kind: 'not-found',
      cause: { code: 410 },
    });
  });
});
