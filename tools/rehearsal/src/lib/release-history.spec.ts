import { MemoryImageSource } from '@slipway/deploy-provider-local/testing';
import { mergeReleases, ReleaseHistory } from './release-history';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('ReleaseHistory', () => {
  const source = new MemoryImageSource();
  source.publish('sha256:1', ['v1.0.0', `sha-${A}`], { 'org.opencontainers.image.revision': A });
  source.publish('sha256:2', ['v1.1.0', `sha-${B}`], { 'org.opencontainers.image.revision': B });
  source.publish('sha256:3', ['v0.9.0', 'latest'], { 'org.opencontainers.image.revision': 'unknown' });
  const history = new ReleaseHistory(source);

  it('maps the release tags to the commits their images were built from', async () => {
    expect([...(await history.releases())]).toEqual([
      ['v1.0.0', A],
      ['v1.1.0', B],
    ]);
  });

  it('finds the image of a commit by its sha- tag', async () => {
    expect(await history.commitImage(A)).toEqual({ tag: `sha-${A}`, digest: 'sha256:1', revision: A });
    expect(await history.commitImage('c'.repeat(40))).toBeUndefined();
  });

  it('skips a tag that vanished between listing and resolving', async () => {
    const racing = new MemoryImageSource();
    racing.publish('sha256:1', ['v1.0.0'], { 'org.opencontainers.image.revision': A });
    racing.resolveTag = async () => undefined;
    expect((await new ReleaseHistory(racing).releases()).size).toBe(0);
  });
});

describe('mergeReleases', () => {
  it('is one history: every service that has a release has it at the same commit', () => {
    const merged = mergeReleases(
      new Map([
        [
          'api',
          new Map([
            ['v1.0.0', A],
            ['v1.1.0', B],
          ]),
        ],
        ['status', new Map([['v1.1.0', B]])],
        ['jobs', new Map()],
      ]),
    );
    expect(merged).toEqual({
      releases: new Map([
        ['v1.0.0', A],
        ['v1.1.0', B],
      ]),
    });
  });

  it('names a release that two services built from different commits', () => {
    expect(
      mergeReleases(
        new Map([
          ['api', new Map([['v1.0.0', A]])],
          ['status', new Map([['v1.0.0', B]])],
        ]),
      ).conflict,
    ).toBe(
      `v1.0.0 of api was built from ${A.slice(0, 12)} but v1.0.0 of status from ${B.slice(0, 12)}: one release is one commit for every service`,
    );
  });
});
