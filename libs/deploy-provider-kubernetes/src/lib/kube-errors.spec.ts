import { ProviderError } from '@slipway/deploy-engine';
import { classifyKubeError, kubeCall, statusOf, toProviderError } from './kube-errors';

const apiError = (code: number, body?: unknown) => Object.assign(new Error(`HTTP-Code: ${code}`), { code, body });

describe('kubernetes api errors', () => {
  it('classifies by HTTP status and connection failure', () => {
    expect(classifyKubeError(apiError(429))).toBe('throttled');
    expect(classifyKubeError(apiError(401))).toBe('access-denied');
    expect(classifyKubeError(apiError(403))).toBe('access-denied');
    expect(classifyKubeError(apiError(404))).toBe('not-found');
    expect(classifyKubeError(apiError(422))).toBe('invalid');
    expect(classifyKubeError(apiError(409))).toBe('invalid');
    expect(classifyKubeError(apiError(503))).toBe('unavailable');
    expect(classifyKubeError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe(
      'unavailable',
    );
    expect(classifyKubeError(new Error('boom'))).toBe('unknown');
    expect(classifyKubeError(undefined)).toBe('unknown');
  });

  it("reads the API server's Status message, from a JSON string or an object", () => {
    const forbidden = {
      kind: 'Status',
      reason: 'Forbidden',
      message: 'deployments.apps "api" is forbidden: User "ci" cannot patch resource "deployments"',
    };
    expect(statusOf(apiError(403, JSON.stringify(forbidden)))).toEqual(forbidden);
    expect(statusOf(apiError(403, forbidden))).toEqual(forbidden);
    expect(statusOf(apiError(403, 'not json'))).toBeUndefined();
    const error = toProviderError('patch deployment', apiError(403, JSON.stringify(forbidden)));
    expect(error).toMatchObject({ kind: 'access-denied', operation: 'patch deployment' });
    expect(error.message).toMatch(/^Forbidden: deployments.apps "api" is forbidden.*kubectl auth can-i/);
  });

  it('says what a bare status or a connection failure means', () => {
    expect(toProviderError('x', apiError(401)).message).toMatch(/rejected the credentials/);
    expect(toProviderError('x', apiError(500)).message).toBe('HTTP 500');
    expect(
      toProviderError(
        'x',
        Object.assign(new TypeError('fetch failed'), { cause: { message: 'connect ECONNREFUSED 127.0.0.1:1' } }),
      ).message,
    ).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:1');
    const known = new ProviderError('invalid', 'x', 'y');
    expect(toProviderError('z', known)).toBe(known);
  });

  it('wraps a call', async () => {
    await expect(kubeCall('get deployment', () => Promise.resolve(1))).resolves.toBe(1);
    await expect(kubeCall('get deployment', () => Promise.reject(apiError(404)))).rejects.toMatchObject({
      kind: 'not-found',
      operation: 'get deployment',
    });
  });
});
