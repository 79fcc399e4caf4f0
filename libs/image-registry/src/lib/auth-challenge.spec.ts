import { parseAuthChallenge } from './auth-challenge';

describe('parseAuthChallenge', () => {
  it('parses a Bearer challenge with quoted parameters', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' },
    });
  });

  it('parses the Basic challenge ECR sends', () => {
    expect(
      parseAuthChallenge('Basic realm="https://1.dkr.ecr.eu-west-1.amazonaws.com/",service="ecr.amazonaws.com"'),
    ).toEqual({
      scheme: 'basic',
      params: { realm: 'https://1.dkr.ecr.eu-west-1.amazonaws.com/', service: 'ecr.amazonaws.com' },
    });
  });

  it('accepts unquoted values and escaped quotes', () => {
    expect(parseAuthChallenge('bearer realm=https://a/t, error="say \\"hi\\""')?.params).toEqual({
      realm: 'https://a/t',
      error: 'say "hi"',
    });
  });

  it.each([null, '', 'Negotiate abc', '   '])('returns undefined for %p', (header) => {
    expect(parseAuthChallenge(header)).toBeUndefined();
  });
});
