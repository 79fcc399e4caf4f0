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
    if (req.url?.includes('/replicasets?') || req.url?.includes('/pods?'))
      return { status: 200, body: { kind: 'List', items: [{ metadata: { name: 'x' } }] } };
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
    expect((await kube.listReplicaSets('app=api')).map((rs) => rs.metadata?.name)).toEqual(['x']);
    await kube.readReplicaSet('api-abc');
    expect(await kube.listPods('app=api,pod-template-hash=abc')).toHaveLength(1);
    expect(seen.map((s) => `${s.method} ${decodeURIComponent(s.url ?? '')}`)).toEqual([
      'GET /apis/apps/v1/namespaces/prod/deployments/api',
      'PATCH /apis/apps/v1/namespaces/prod/deployments/api?fieldManager=slipway',
      'GET /apis/apps/v1/namespaces/prod/replicasets?labelSelector=app=api',
      'GET /apis/apps/v1/namespaces/prod/replicasets/api-abc',
      'GET /api/v1/namespaces/prod/pods?labelSelector=app=api,pod-template-hash=abc',
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
