import { isoTimeFragment } from './iso-time';

describe('isoTimeFragment', () => {
  it('renders the current millisecond as an ISO time field', () => {
    let clock = Date.UTC(2026, 0, 31, 12, 0, 0, 5);
    const time = isoTimeFragment(() => clock);
    expect(time()).toBe(',"time":"2026-01-31T12:00:00.005Z"');
    clock += 1;
    expect(time()).toBe(',"time":"2026-01-31T12:00:00.006Z"');
  });

  it('formats once per millisecond', () => {
    const toISOString = jest.spyOn(Date.prototype, 'toISOString');
    const time = isoTimeFragment(() => 1_000);
    time();
    time();
    time();
    expect(toISOString).toHaveBeenCalledTimes(1);
    toISOString.mockRestore();
  });

  it('reads the real clock by default', () => {
    const before = Date.now();
    const stamp = Date.parse(JSON.parse(`{${isoTimeFragment()().slice(1)}}`).time);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});
