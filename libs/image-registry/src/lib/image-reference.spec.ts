import { commitShaTag, InvalidCommitShaError } from '@slipway/versioning';
import { commitTag, parseRegistryHost, parseRepository, registryBaseUrl } from './image-reference';

describe('parseRegistryHost', () => {
  it.each([
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    '127.0.0.1:5055',
    'localhost:5000',
    'ghcr.io',
    '[::1]:5000',
  ])('accepts %s', (host) => {
    expect(parseRegistryHost(host)).toBe(host.toLowerCase());
  });

  it('suggests the bare host for a URL', () => {
    expect(() => parseRegistryHost('https://ghcr.io/v2/')).toThrow('has a scheme: give the host only, e.g. ghcr.io');
  });

  it('sends a path to --repository', () => {
    expect(() => parseRegistryHost('ghcr.io/slipway')).toThrow(
      'put the host in --registry and the path in --repository',
    );
  });

  it.each(['', 'bad host', 'host:port', '-leading.example'])('rejects %p', (host) => {
    expect(() => parseRegistryHost(host)).toThrow(/is not a host\[:port\]/);
  });
});

describe('parseRepository', () => {
  it.each(['slipway/api', 'api', 'team.one/api_v2', 'a/b/c-d'])('accepts %s', (name) => {
    expect(parseRepository(name)).toBe(name);
  });

  it.each(['Slipway/api', 'api/', '/api', 'api:v1', 'a'.repeat(256), 'api..x'])('rejects %p with the rule', (name) => {
    expect(() => parseRepository(name)).toThrow(/not a valid OCI repository name: lowercase path components/);
  });
});

describe('commitTag (kept for older callers)', () => {
  it('is the versioning rule: sha- plus the full commit, short ids refused', () => {
    const full = '0123456789abcdef0123456789abcdef01234567';
    expect(commitTag(full)).toBe(`sha-${full}`);
    expect(commitTag).toBe(commitShaTag);
    expect(() => commitTag('0123456')).toThrow(InvalidCommitShaError);
  });
});

describe('registryBaseUrl', () => {
  it('uses plain HTTP for loopback registries, as Docker does, and HTTPS elsewhere', () => {
    expect(registryBaseUrl('127.0.0.1:5055')).toBe('http://127.0.0.1:5055');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('registry.internal:5000', true)).toBe('http://registry.internal:5000');
  });
});
