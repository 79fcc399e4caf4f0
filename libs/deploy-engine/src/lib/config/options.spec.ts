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
      waitUntil: { kind: 'deployed' },
      onPause: 'exit',
      reportPath: undefined,
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

describe('wait target, pause handling and report file', () => {
  const base = { config: 'apps/api/deploy.json', version: 'v1.2.0' };
  it('takes deployed or stage:<STAGE>, exit or wait, a .md or .html report', () => {
    expect(
      normalizeDeployOptions({ ...base, waitUntil: 'stage:BAKE_TIME', onPause: 'wait', report: 'r.html' }, KEYS),
    ).toMatchObject({
      waitUntil: { kind: 'stage', stage: 'BAKE_TIME' },
      onPause: 'wait',
      reportPath: 'r.html',
    });
  });

  it('refuses anything else before any remote call, naming the form', () => {
    expect(() => normalizeDeployOptions({ ...base, waitUntil: 'stable' }, KEYS)).toThrow(
      /--wait-until must be "deployed" or "stage:<STAGE>".*got "stable"/,
    );
    expect(() => normalizeDeployOptions({ ...base, waitUntil: 'stage:bake' }, KEYS)).toThrow(/stage:BAKE_TIME/);
    expect(() => normalizeDeployOptions({ ...base, onPause: 'continue' }, KEYS)).toThrow(/--on-pause must be "exit"/);
    expect(() => normalizeDeployOptions({ ...base, report: 'r.pdf' }, KEYS)).toThrow(/\.md or \.html/);
  });
});
