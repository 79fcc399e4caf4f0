import { requestIdFor } from './request-id';

const noHeader = { headers: {} };

describe('requestIdFor', () => {
  it('gives every request a new id: a per-process prefix and a counter', () => {
    const ids = Array.from({ length: 1000 }, () => requestIdFor(noHeader));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
    expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(1);
  });

  it('draws a new random prefix in every process, so tasks and restarts never share ids', () => {
    const prefixes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      jest.isolateModules(() => {
        const fresh = jest.requireActual<typeof import('./request-id')>('./request-id');
        prefixes.add(fresh.requestIdFor(noHeader).split('-')[0]!);
      });
    }
    expect(prefixes.size).toBe(5);
  });

  it("keeps a caller's id that is safe to log", () => {
    expect(requestIdFor({ headers: { 'x-request-id': 'edge-42.a:b' } })).toBe('edge-42.a:b');
  });

  it.each([['a"b'], ['x'.repeat(129)], ['']])(
    'replaces a caller id that could forge log content or is unusable: %j',
    (given) => {
      expect(requestIdFor({ headers: { 'x-request-id': given } })).toMatch(/^[0-9a-f]{16}-[0-9a-z]+$/);
    },
  );
});
