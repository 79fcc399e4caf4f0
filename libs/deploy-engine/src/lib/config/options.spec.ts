import { DEFAULT_TIMEOUT_MS, normalizeCommon, normalizeDeployOptions, requireVersion } from './options';

const KEYS = ['region', 'cluster'];

describe('deploy options', () => {
  it('applies safe defaults: 15 min timeout, rollback on, no force, no dry run', () => {
    expect(normalizeDeployOptions({ config: 'apps/api/deploy.json', version: 'v1.2.0' }, KEYS)).toEqual({
      configPath: 'apps/api/deploy.json',
      version: 'v1.2.0',
      environment: undefined,
      dryRun: false,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      rollback: true,
      force: false,
      json: false,
      overrides: {},
    });
  });

  it('reads flags and overrides as Nx hands them over', () => {
    const request = normalizeDeployOptions(
      {
        config: 'c.json',
        version: 'v2.0.0',
        environment: ' staging ',
        dryRun: true,
        timeout: 90,
        rollback: false,
        force: 'true',
        json: true,
        region: 'us-east-1',
        service: 'ignored',
      },
      KEYS,
    );
    expect(request).toMatchObject({
      environment: 'staging',
      dryRun: true,
      timeoutMs: 90_000,
      rollback: false,
      force: true,
      json: true,
      overrides: { region: 'us-east-1' },
    });
  });

  it.each([undefined, '', true])('no version (%p) explains that Nx swallows a bare --version', (version) => {
    expect(() => requireVersion(version)).toThrow(/after "--": nx run <app>:deploy -- --version vX.Y.Z/);
  });

  it.each([
    ['1.2.0', /did you mean v1.2.0/],
    ['latest', /moving tag/],
    ['v1.2', /not valid/],
    [1.2, /not valid/],
  ])('refuses version %p', (version, message) => {
    expect(() => requireVersion(version)).toThrow(message);
  });

  it('refuses malformed switches, empty names and a missing config', () => {
    expect(() => normalizeCommon({ config: 'c', force: 'yes' }, KEYS)).toThrow('--force is a switch');
    expect(() => normalizeCommon({ config: 'c', environment: '' }, KEYS)).toThrow('--environment needs a value');
    expect(() => normalizeCommon({ config: 'c', region: 5 }, KEYS)).toThrow('--region needs a value');
    expect(() => normalizeCommon({}, KEYS)).toThrow('no deploy config');
  });
});
