import { freePort } from './free-port';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    await expect(
      waitFor('three calls', async () => (++calls === 3 ? 'done' : undefined), { intervalMs: 1 }),
    ).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('names what it waited for and the last error', async () => {
    await expect(
      waitFor(
        'the moon',
        async () => {
          throw new Error('still night');
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('timed out after 20 ms waiting for the moon: still night');
    await expect(waitFor('nothing', async () => undefined, { timeoutMs: 10, intervalMs: 5 })).rejects.toThrow(
      /waiting for nothing$/,
    );
  });

  it('stops at once when told to', async () => {
    const probe = jest.fn(async () => undefined);
    await expect(waitFor('a dead process', probe, { abortIf: () => new Error('it exited') })).rejects.toThrow(
      'it exited',
    );
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('freePort', () => {
  it('gives a port the OS considered free', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});
