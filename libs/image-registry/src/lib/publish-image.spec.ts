import { imageTagsFor } from '@slipway/versioning';
import { PublishError } from './errors';
import { LABEL_REVISION, LABEL_VERSION } from './image-labels';
import { publishImage, type PublishDependencies, type PublishRequest } from './publish-image';
import { RegistryClient } from './registry-client';
import { FakeEngine } from './test-support/fake-engine';
import { FakeRegistry } from './test-support/fake-registry';

const REPO = 'slipway/api';
const C1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const C2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const T1 = `sha-${C1}`;
const labels = (commit: string, version?: string, built = '2026-11-25T00:00:00Z') => ({
  [LABEL_REVISION]: commit,
  ...(version ? { [LABEL_VERSION]: version } : {}),
  'org.opencontainers.image.created': built,
});

describe('publishImage', () => {
  let registry: FakeRegistry;
  let engine: FakeEngine;
  let lines: string[];
  const deps = (): PublishDependencies => ({ engine, log: (line) => lines.push(line) });
  const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
    registry: registry.host,
    repository: REPO,
    commit: C1,
    image: 'api',
    ...overrides,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => Promise.reject(new Error('expected a failure')),
      (e: PublishError) => e,
    );
  const writes = () => registry.requests.filter((r) => r.method === 'PUT').length + engine.pushes.length;

  beforeEach(async () => {
    registry = await new FakeRegistry().start();
    engine = new FakeEngine(registry);
    lines = [];
    engine.build('api', labels(C1, 'v1.2.0'));
  });
  afterEach(() => registry.stop());

  it('pushes sha-<commit>, copies it to the version registry-side, and both name one digest', async () => {
    const result = await publishImage(request({ version: 'v1.2.0' }), deps());
    expect(result.tags).toEqual([
      { tag: T1, outcome: 'pushed' },
      { tag: 'v1.2.0', outcome: 'copied' },
    ]);
    expect(result.changed).toBe(true);
    expect(result.image).toBe(`${registry.host}/${REPO}`);
    expect(registry.tagsOf(REPO)).toEqual(
      new Map([
        [T1, result.digest],
        ['v1.2.0', result.digest],
      ]),
    );
    expect(engine.pushes).toHaveLength(1);
    expect(lines).toContain(`v1.2.0: copied registry-side from ${T1} → ${result.digest}`);
  });

  it('writes exactly the tags @slipway/versioning gives the build', async () => {
    const unreleased = await publishImage(request(), deps());
    expect(unreleased.tags.map((t) => t.tag)).toEqual(imageTagsFor({ commit: C1 }));
    const released = await publishImage(request({ version: 'v1.2.0', promote: true }), deps());
    expect(released.tags.map((t) => t.tag).sort()).toEqual(imageTagsFor({ commit: C1, version: 'v1.2.0' }).sort());
    expect([...registry.tagsOf(REPO).keys()].sort()).toEqual([T1, 'v1.2.0'].sort());
  });

  it('is a no-op that says so when run again', async () => {
    const first = await publishImage(request({ version: 'v1.2.0' }), deps());
    const before = writes();
    const again = await publishImage(request({ version: 'v1.2.0' }), deps());
    expect(again).toEqual({ ...first, changed: false, tags: first.tags.map((t) => ({ ...t, outcome: 'unchanged' })) });
    expect(writes()).toBe(before);
    expect(lines.at(-1)).toBe(`v1.2.0: already ${first.digest}`);
  });

  it('refuses different bytes under an existing version and leaves the registry as it was', async () => {
    await publishImage(request({ version: 'v1.2.0' }), deps());
    const before = new Map(registry.tagsOf(REPO));
    const pushesBefore = engine.pushes.length;
    engine.build('api', labels(C2, 'v1.2.0'));
    const error = await failure(publishImage(request({ commit: C2, version: 'v1.2.0' }), deps()));
    expect(error.kind).toBe('tag-conflict');
    expect(error.message).toMatch(
      /^refusing to move .*:v1\.2\.0: it already names sha256:[0-9a-f]{64}, and the local image api is different bytes/,
    );
    expect(registry.tagsOf(REPO)).toEqual(before);
    expect(engine.pushes).toHaveLength(pushesBefore);
  });

  it('refuses a rebuild of the same commit under its existing sha- tag', async () => {
    await publishImage(request(), deps());
    engine.build('api', labels(C1, 'v1.2.0', '2026-11-26T00:00:00Z'));
    const error = await failure(publishImage(request({ version: 'v1.2.0' }), deps()));
    expect(error.kind).toBe('tag-conflict');
    expect(error.message).toContain(
      'the local image api is a different build (it was never pushed to this repository)',
    );
    expect(registry.tagsOf(REPO).has('v1.2.0')).toBe(false);
  });

  it.each([
    ['latest', /"latest" is a moving tag/],
    ['1.2.0', /did you mean v1\.2\.0\?/],
    ['v1.2', /is not valid/],
  ])('refuses version %p before any request', async (version, message) => {
    const error = await failure(publishImage(request({ version }), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/nothing was pushed$/);
    expect(registry.requests).toHaveLength(0);
  });

  it.each([
    [C1.slice(0, 7), 'has 7 characters: expected the full 40-character lower-case commit SHA'],
    [C1.slice(0, 12), 'has 12 characters'],
    [C1.toUpperCase(), `has upper-case letters: use ${C1}`],
    [`${C1}\n`, 'has surrounding whitespace'],
  ])('refuses commit %p before any request, naming the fix', async (commit, message) => {
    engine.build('api', labels(commit, 'v1.2.0'));
    const error = await failure(publishImage(request({ commit, version: 'v1.2.0' }), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain(message);
    expect(error.message).toMatch(
      /; pass --commit "\$\(git rev-parse HEAD\)" \(or set GITHUB_SHA\); nothing was pushed$/,
    );
    expect(registry.requests).toHaveLength(0);
    expect(engine.pushes).toHaveLength(0);
  });

  it.each([
    [{ registry: '' }, 'no registry: pass --registry'],
    [{ repository: '' }, 'no repository: pass --repository'],
    [{ commit: '' }, 'no commit: pass --commit "$(git rev-parse HEAD)"'],
    [{ image: undefined }, 'no local image: pass --image'],
    [{ commit: 'HEAD' }, 'commit SHA "HEAD" is not hexadecimal'],
    [{ repository: 'Bad/Name' }, 'is not a valid OCI repository name'],
  ])('refuses incomplete input %p', async (overrides, message) => {
    const error = await failure(publishImage(request(overrides as Partial<PublishRequest>), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain(message);
    expect(registry.requests).toHaveLength(0);
  });

  it('adds a version to an existing sha- image without the local image: same digest, no push', async () => {
    const built = await publishImage(request(), deps());
    const pushes = engine.pushes.length;
    const promoted = await publishImage(request({ version: 'v1.2.0', promote: true, image: undefined }), deps());
    expect(promoted.digest).toBe(built.digest);
    expect(promoted.tags).toEqual([
      { tag: T1, outcome: 'unchanged' },
      { tag: 'v1.2.0', outcome: 'copied' },
    ]);
    expect(engine.pushes).toHaveLength(pushes);
  });

  it('promotes by itself when the local image is gone', async () => {
    const built = await publishImage(request(), deps());
    const promoted = await publishImage(request({ version: 'v1.2.0', image: 'gone' }), deps());
    expect(promoted.digest).toBe(built.digest);
    expect(lines).toContain(`no local image gone: promoting what the registry holds as ${T1}`);
  });

  it('has nothing to publish without a local image and without sha-<commit> in the registry', async () => {
    const error = await failure(publishImage(request({ promote: true }), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('nothing to publish');
  });

  it('refuses a local image built from another commit before pushing', async () => {
    engine.build('api', labels(C2));
    const error = await failure(publishImage(request(), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain(`the local image api was built from commit "${C2}", not ${C1}`);
    expect(writes()).toBe(0);
  });

  it('refuses to promote a registry image whose labels name another version', async () => {
    engine.build('api', labels(C1, 'v1.2.0'));
    await publishImage(request(), deps());
    const error = await failure(publishImage(request({ version: 'v1.3.0', promote: true }), deps()));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain(
      `${registry.host}/${REPO}:${T1} was built with version "v1.2.0", so /version would not report v1.3.0`,
    );
  });

  it('does not overwrite a tag that appears between the lookup and the write', async () => {
    await publishImage(request(), deps());
    let lookups = 0;
    class RacingClient extends RegistryClient {
      override async resolveTag(tag: string) {
        if (tag === 'v1.2.0' && ++lookups === 2) registry.seedImage(REPO, 'v1.2.0', { other: 'image' });
        return super.resolveTag(tag);
      }
    }
    const error = await failure(
      publishImage(request({ version: 'v1.2.0', promote: true }), { ...deps(), client: (o) => new RacingClient(o) }),
    );
    expect(error.kind).toBe('tag-conflict');
    expect(error.message).toMatch(/:v1\.2\.0 appeared \(as sha256:.*\) while publishing; it was left as it is/);
  });

  it('does not push over a sha- tag that appears between the lookup and the push', async () => {
    let lookups = 0;
    class RacingClient extends RegistryClient {
      override async resolveTag(tag: string) {
        if (++lookups === 2) registry.seedImage(REPO, tag, { other: 'image' });
        return super.resolveTag(tag);
      }
    }
    const error = await failure(publishImage(request(), { ...deps(), client: (o) => new RacingClient(o) }));
    expect(error.message).toMatch(new RegExp(`:${T1} appeared .* nothing was pushed`));
    expect(engine.pushes).toHaveLength(0);
  });

  it('hands ECR SDK credentials to the push, but not docker-login ones', async () => {
    const credentials = { username: 'AWS', password: 'tok' };
    await publishImage(request(), { ...deps(), credentials: async () => ({ credentials, source: 'ecr' }) });
    expect(engine.pushes[0].credentials).toEqual(credentials);
    engine.build('api', labels(C2));
    await publishImage(request({ commit: C2 }), {
      ...deps(),
      credentials: async () => ({ credentials, source: 'docker-login' }),
    });
    expect(engine.pushes[1].credentials).toBeUndefined();
  });

  it('fails when a tag does not resolve to the published digest afterwards', async () => {
    const lying = { inspect: engine.inspect.bind(engine), push: async () => 'sha256:' + 'f'.repeat(64) };
    const error = await failure(publishImage(request(), { ...deps(), engine: lying }));
    expect(error.kind).toBe('registry');
    expect(error.message).toContain(`:${T1} resolves to nothing after publishing, expected sha256:ffff`);
  });
});
