import { Readiness } from './readiness';

describe('Readiness', () => {
  it('starts not ready, becomes ready, then drains for good', () => {
    const readiness = new Readiness();
    expect(readiness.state).toBe('starting');
    expect(readiness.isReady).toBe(false);
    readiness.markReady();
    expect(readiness.isReady).toBe(true);
    expect(readiness.isDraining).toBe(false);
    readiness.markDraining();
    expect(readiness.state).toBe('draining');
    expect(readiness.isDraining).toBe(true);
    readiness.markReady();
    expect(readiness.state).toBe('draining');
  });

  it('tells its listeners once when draining starts', () => {
    const readiness = new Readiness();
    const listener = jest.fn();
    readiness.onDraining(listener);
    readiness.markReady();
    expect(listener).not.toHaveBeenCalled();
    readiness.markDraining();
    readiness.markDraining();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
