import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, fakeFactory } from '../test-support/fake-provider';
import { parseDeployConfig, readDeployConfig, resolveEnvironment, selectEnvironment } from './deploy-config';

const two = parseDeployConfig(
  JSON.stringify({
    $comment: 'x',
    environments: {
      staging: { provider: 'fake', cluster: 's' },
      production: { provider: 'fake', cluster: 'p', $note: 'y' },
    },
  }),
  'deploy.json',
);
const providers = [fakeFactory(new FakeProvider())];

describe('deploy config', () => {
  it('parses environments and ignores $-comments', () => {
    expect(two.environments).toEqual({
      staging: { provider: 'fake', cluster: 's' },
      production: { provider: 'fake', cluster: 'p' },
    });
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[]', /needs an "environments" object/],
    ['{"environments": {}}', /defines no environments/],
    ['{"environments": {"a": 1}}', /must be an object/],
    ['{"environments": {"a": {"cluster": 3}}}', /must be a string/],
  ])('refuses %p', (text, message) => {
    expect(() => parseDeployConfig(text, 'deploy.json')).toThrow(message);
  });

  it('reads the file relative to the workspace root, or explains what to set', async () => {
    const root = mkdtempSync(join(tmpdir(), 'slipway-config-'));
    try {
      writeFileSync(join(root, 'deploy.json'), '{"environments": {"dev": {"provider": "fake", "cluster": "c"}}}');
      await expect(readDeployConfig('deploy.json', root)).resolves.toMatchObject({
        environments: { dev: { cluster: 'c' } },
      });
      await expect(readDeployConfig(join(root, 'deploy.json'), '/elsewhere')).resolves.toBeDefined();
      await expect(readDeployConfig('missing.json', root)).rejects.toThrow(
        /cannot read deploy config missing.json.*"config" option/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('selectEnvironment', () => {
  it('requires --environment when there are several', () => {
    expect(() => selectEnvironment(two, undefined)).toThrow(
      'no environment given: add --environment <staging|production>',
    );
    expect(selectEnvironment(two, 'production')).toBe('production');
  });
  it('uses a lone environment, unless it is production', () => {
    const one = parseDeployConfig('{"environments": {"dev": {"provider": "fake"}}}', 'd');
    expect(selectEnvironment(one, undefined)).toBe('dev');
    const prod = parseDeployConfig('{"environments": {"prod": {"provider": "fake"}}}', 'd');
    expect(() => selectEnvironment(prod, undefined)).toThrow('no environment given');
  });
  it('names the environments that exist', () => {
    expect(() => selectEnvironment(two, 'prod')).toThrow(
      'unknown environment "prod": deploy.json defines staging, production',
    );
    expect(() => selectEnvironment(two, 3)).toThrow('--environment needs a name');
  });
});

describe('resolveEnvironment', () => {
  it('merges flag overrides over the config', () => {
    const resolved = resolveEnvironment(two, 'staging', { cluster: 'other', service: 'api' }, providers);
    expect(resolved.settings).toEqual({ cluster: 'other', service: 'api' });
    expect(resolved.provider.name).toBe('fake');
  });
  it('refuses unknown providers, unknown settings, and overrides the provider does not read', () => {
    const config = parseDeployConfig(
      '{"environments": {"a": {"provider": "k8s"}, "b": {"cluster": "x"}, "c": {"provider": "fake", "clustr": "x"}}}',
      'd.json',
    );
    expect(() => resolveEnvironment(config, 'a', {}, providers)).toThrow('unknown provider "k8s" (known: fake)');
    expect(() => resolveEnvironment(config, 'b', {}, providers)).toThrow('has no "provider"');
    expect(() => resolveEnvironment(config, 'c', {}, providers)).toThrow(
      'unknown setting "clustr"; fake reads: cluster, service',
    );
    expect(() => resolveEnvironment(two, 'staging', { namespace: 'x' }, providers)).toThrow(
      '--namespace does not apply to fake environments',
    );
    expect(() => resolveEnvironment(two, 'staging', { cluster: ' ' }, providers)).toThrow(
      '--cluster needs a non-empty value',
    );
  });
  it('lists every problem: missing required settings and the provider’s own checks', () => {
    const config = parseDeployConfig(
      '{"environments": {"a": {"provider": "fake"}, "b": {"provider": "fake", "cluster": "bad"}}}',
      'd.json',
    );
    expect(() => resolveEnvironment(config, 'a', {}, providers)).toThrow(
      /"cluster" is missing \(where\); set it in d.json or pass --cluster/,
    );
    expect(() => resolveEnvironment(config, 'b', {}, providers)).toThrow('cluster "bad" is bad');
  });
});
