import { readServiceConfig } from '@slipway/service-runtime';
import { statusSettings } from './status-service';

const targets = (raw?: string) =>
  readServiceConfig(statusSettings, raw === undefined ? {} : { STATUS_TARGETS: raw }).targets;

describe('STATUS_TARGETS', () => {
  it('is empty by default', () => {
    expect(targets()).toEqual([]);
  });

  it('reads name=url pairs, without a trailing slash', () => {
    expect(targets('api=http://api.internal, jobs=https://jobs.example:8443/')).toEqual([
      { name: 'api', url: 'http://api.internal' },
      { name: 'jobs', url: 'https://jobs.example:8443' },
    ]);
  });

  it.each(['api', 'api=', 'api=ftp://x', '=http://x', 'API=http://x', 'api=http://x,api=http://y', 'api=http://'])(
    'refuses %j, naming what it accepts',
    (raw) => {
      expect(() => targets(raw)).toThrow(
        `STATUS_TARGETS=${JSON.stringify(raw)} is not allowed; expected name=http(s)://`,
      );
    },
  );
});
