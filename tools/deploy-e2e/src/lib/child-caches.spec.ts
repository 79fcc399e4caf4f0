import { CHILD_CACHES_VAR, childCacheEnv } from './child-caches';
import { scrubbedEnv } from './nx-run';

describe('the caches the nx children of one test run share', () => {
  it("point every child at the run's directory, and let Nx reuse the project graph it cached", () => {
    const env = scrubbedEnv({ PATH: '/bin', [CHILD_CACHES_VAR]: '/run/caches' }, {});
    expect(env).toMatchObject({
      NODE_COMPILE_CACHE: '/run/caches/node',
      NX_FORCE_REUSE_CACHED_GRAPH: 'true',
    });
    expect(env[CHILD_CACHES_VAR]).toBeUndefined();
  });

  it('are none without the Jest global setup: the children compute and compile everything themselves', () => {
    expect(childCacheEnv({ PATH: '/bin' })).toEqual({});
  });
});
