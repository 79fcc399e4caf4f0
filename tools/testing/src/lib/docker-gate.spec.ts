import {
  containerEnvDockerHost,
  defaultProbes,
  describeGated,
  dockerGate,
  isCi,
  parseExports,
  registryGate,
  type GateProbes,
} from './docker-gate';

const probes = (overrides: Partial<GateProbes> & { env?: NodeJS.ProcessEnv } = {}): GateProbes => ({
  env: {},
  engineReachable: () => false,
  hasCommand: () => true,
  isRoot: () => true,
  ...overrides,
});

describe('dockerGate', () => {
  it('always runs in CI, so a missing engine fails there instead of skipping', () => {
    expect(
      dockerGate(
        probes({ env: { CI: 'true', SLIPWAY_SKIP_DOCKER_TESTS: '1' }, hasCommand: () => false, isRoot: () => false }),
      ),
    ).toEqual({ run: true });
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
  });

  it('outside CI: runs when an engine answers, or when one can be started', () => {
    expect(dockerGate(probes({ engineReachable: () => true, hasCommand: () => false, isRoot: () => false }))).toEqual({
      run: true,
    });
    expect(dockerGate(probes())).toEqual({ run: true });
  });

  it('outside CI: skips with the reason and the fix', () => {
    expect(dockerGate(probes({ env: { SLIPWAY_SKIP_DOCKER_TESTS: '1' }, engineReachable: () => true }))).toEqual({
      run: false,
      reason: 'SLIPWAY_SKIP_DOCKER_TESTS=1 is set',
    });
    expect(dockerGate(probes({ hasCommand: (name) => name === 'docker' }))).toEqual({
      run: false,
      reason:
        'dockerd, docker-registry not installed; `tools/ci/container-env.sh start` installs and starts them (CI=true makes these tests mandatory)',
    });
    expect(dockerGate(probes({ isRoot: () => false }))).toMatchObject({
      run: false,
      reason: expect.stringContaining('needs root'),
    });
  });
});

describe('registryGate', () => {
  it('needs only the registry binary, and is mandatory in CI', () => {
    expect(registryGate({ env: { CI: 'true' }, hasCommand: () => false })).toEqual({ run: true });
    expect(registryGate({ env: {}, hasCommand: () => true })).toEqual({ run: true });
    expect(registryGate({ env: { SLIPWAY_SKIP_DOCKER_TESTS: '1' }, hasCommand: () => true })).toMatchObject({
      run: false,
    });
    expect(registryGate({ env: {}, hasCommand: () => false })).toMatchObject({
      run: false,
      reason: expect.stringContaining('docker-registry not installed'),
    });
  });
});

describe('parseExports', () => {
  it('reads export lines and ignores the rest', () => {
    expect(
      parseExports(
        'container-env: up\nexport DOCKER_HOST=unix:///x.sock\nexport QUOTED="a b"\n  export SPACED=1  \nexport lower=no\n',
      ),
    ).toEqual({
      DOCKER_HOST: 'unix:///x.sock',
      QUOTED: 'a b',
      SPACED: '1',
    });
  });
});

describe('containerEnvDockerHost', () => {
  it('keeps a DOCKER_HOST that is already set', () => {
    expect(containerEnvDockerHost({ DOCKER_HOST: 'unix:///mine.sock' })).toBe('unix:///mine.sock');
  });

  it('otherwise asks container-env.sh where its engine listens', () => {
    expect(containerEnvDockerHost({ PATH: process.env.PATH, SLIPWAY_CONTAINER_DIR: '/srv/ce' })).toBe(
      'unix:///srv/ce/docker/docker.sock',
    );
  });
});

describe('defaultProbes', () => {
  it('probes commands and the engine without throwing', () => {
    const p = defaultProbes({ PATH: process.env.PATH, DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(p.hasCommand('sh')).toBe(true);
    expect(p.hasCommand('no-such-command-here')).toBe(false);
    expect(p.engineReachable()).toBe(false);
    expect(typeof p.isRoot()).toBe('boolean');
  });
});

// The skip path is checked without leaving a skipped test in the run: CI shows no skips at all.
describe('a gate that stays closed', () => {
  const body = jest.fn();
  const skip = jest.fn();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const realSkip = describe.skip;
  Object.assign(describe, { skip });
  try {
    describeGated('needs an engine', body, { run: false, reason: 'demonstrating the skip path' });
  } finally {
    Object.assign(describe, { skip: realSkip });
  }
  const warned = warn.mock.calls.map((args) => args.join(' '));
  warn.mockRestore();

  it('hands the block to describe.skip, runs none of it, and says why', () => {
    expect(skip).toHaveBeenCalledWith('needs an engine', body);
    expect(body).not.toHaveBeenCalled();
    expect(warned).toEqual(['skipping "needs an engine": demonstrating the skip path']);
  });
});
