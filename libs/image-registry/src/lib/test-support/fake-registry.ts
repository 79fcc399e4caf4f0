import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Digest } from '../manifest';
import { DOCKER_MANIFEST, OCI_INDEX } from '../media-types';

/**
 * An in-process registry that speaks the subset of the distribution API the client uses, with the
 * behaviours that matter: content-type negotiation, 404s, pagination, Basic or Bearer auth and injected faults.
 * The real registry (CNCF distribution) is exercised by the publish-image integration tests.
 */
export type FakeAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic' | 'bearer'; readonly username: string; readonly password: string };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly accept?: string;
}

interface StoredManifest {
  readonly bytes: Buffer;
  readonly mediaType: string;
}

export class FakeRegistry {
  readonly requests: RecordedRequest[] = [];
  private readonly manifests = new Map<string, StoredManifest>();
  private readonly tags = new Map<string, Map<string, string>>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly faults: { method: string; status: number }[] = [];
  private server?: Server;
  /** Page size of tags/list, so that pagination is exercised with few tags. */
  pageSize = 2;
  omitDigestOnHead = false;
  auth: FakeAuth = { kind: 'none' };

  get host(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next request with this method answers `status` (once). */
  failNext(method: string, status: number): void {
    this.faults.push({ method, status });
  }

  tagsOf(repository: string): Map<string, string> {
    return this.tags.get(repository) ?? new Map();
  }

  putBlob(bytes: Buffer | string): string {
    const buffer = Buffer.from(bytes);
    const digest = sha256Digest(buffer);
    this.blobs.set(digest, buffer);
    return digest;
  }

  putManifest(repository: string, tag: string | undefined, body: unknown, mediaType: string): string {
    const bytes = Buffer.from(JSON.stringify(body));
    const digest = sha256Digest(bytes);
    this.manifests.set(digest, { bytes, mediaType });
    if (tag) this.tags.set(repository, this.tagsOf(repository).set(tag, digest));
    return digest;
  }

  /** A single-platform image whose config carries `labels`; returns its manifest digest. */
  seedImage(repository: string, tag: string | undefined, labels: Record<string, string>): string {
    const config = this.putBlob(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: labels } }));
    return this.putManifest(
      repository,
      tag,
      { schemaVersion: 2, mediaType: DOCKER_MANIFEST, config: { digest: config }, layers: [] },
      DOCKER_MANIFEST,
    );
  }

  seedIndex(repository: string, tag: string, children: { digest: string; os: string; architecture: string }[]): string {
    const manifests = children.map((c) => ({
      mediaType: DOCKER_MANIFEST,
      digest: c.digest,
      platform: { os: c.os, architecture: c.architecture },
    }));
    return this.putManifest(repository, tag, { schemaVersion: 2, mediaType: OCI_INDEX, manifests }, OCI_INDEX);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://fake');
    const body = await readBody(req);
    this.requests.push({
      method: req.method!,
      path: url.pathname,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
    });
    if (url.pathname === '/token') return this.token(req, res);
    const fault = this.faults.findIndex((f) => f.method === req.method);
    if (fault >= 0) {
      const [{ status }] = this.faults.splice(fault, 1);
      return json(res, status, { errors: [{ code: 'INJECTED', message: `injected ${status}` }] });
    }
    if (!this.authorized(req, res)) return;
    const match = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(url.pathname);
    if (!match) return json(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    const [, repository, kind, reference] = match;
    if (kind === 'tags') return this.listTags(repository, url, res);
    if (kind === 'blobs') {
      const blob = this.blobs.get(reference);
      return blob ? void res.writeHead(200).end(blob) : json(res, 404, { errors: [{ code: 'BLOB_UNKNOWN' }] });
    }
    if (req.method === 'PUT') {
      const mediaType = String(req.headers['content-type']);
      const digest = sha256Digest(body);
      this.manifests.set(digest, { bytes: body, mediaType });
      this.tags.set(repository, this.tagsOf(repository).set(reference, digest));
      return void res.writeHead(201, { 'docker-content-digest': digest }).end();
    }
    const digest = reference.startsWith('sha256:') ? reference : this.tagsOf(repository).get(reference);
    const manifest = digest && this.manifests.get(digest);
    if (!manifest) return json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
    const headers: Record<string, string> = {
      'content-type': manifest.mediaType,
      'content-length': String(manifest.bytes.length),
    };
    if (!(req.method === 'HEAD' && this.omitDigestOnHead)) headers['docker-content-digest'] = digest;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : manifest.bytes);
  }

  private listTags(repository: string, url: URL, res: ServerResponse): void {
    const all = [...this.tagsOf(repository).keys()].sort();
    if (all.length === 0) return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
    const last = url.searchParams.get('last');
    const rest = last ? all.filter((t) => t > last) : all;
    const page = rest.slice(0, this.pageSize);
    const headers: Record<string, string> = {};
    if (rest.length > page.length)
      headers.link = `</v2/${repository}/tags/list?n=${this.pageSize}&last=${page.at(-1)}>; rel="next"`;
    json(res, 200, { name: repository, tags: page }, headers);
  }

  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    const auth = this.auth;
    if (auth.kind === 'none') return true;
    const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    const expected = auth.kind === 'basic' ? basic : req.method === 'PUT' ? 'Bearer push-token' : undefined;
    const ok =
      auth.kind === 'basic'
        ? req.headers.authorization === expected
        : req.headers.authorization?.startsWith('Bearer ') && (!expected || req.headers.authorization === expected);
    if (ok) return true;
    const challenge =
      auth.kind === 'basic'
        ? 'Basic realm="fake"'
        : `Bearer realm="http://${this.host}/token",service="fake-registry",scope="repository:x:pull"`;
    json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': challenge });
    return false;
  }

  private token(req: IncomingMessage, res: ServerResponse): void {
    const auth = this.auth;
    const url = new URL(req.url!, 'http://fake');
    const basic =
      auth.kind === 'none' ? '' : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return json(res, 401, { details: 'bad credentials' });
    const push = url.searchParams.get('scope')?.endsWith(':pull,push');
    json(res, 200, push ? { token: 'push-token' } : { access_token: 'pull-token' });
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
