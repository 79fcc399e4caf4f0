import { Readiness } from './readiness';

describe('Readiness', () => {
  it('starts not ready, becomes ready, then drains for good', () => {
    const readiness = new Readiness();
    expect(readiness.state).toBe('starting');
    expect(readiness.isReady).toBe(false);
    readiness.markReady();
    expect(readiness.isReady).toBe(true);
    readiness.markDraining();
    expect(readiness.state).toBe('draining');
    readiness.markReady();
    expect(readiness.state).toBe('draining');
  });
});
