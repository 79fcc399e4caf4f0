import { nearestVersions } from './nearest-versions';

describe('nearestVersions', () => {
  const tags = [
    'v1.0.0',
    'v1.1.0',
    'v1.2.0',
    'v1.2.1',
    'v1.4.0',
    'v2.0.0',
    'sha-' + 'a'.repeat(40),
    'latest',
    'v1.2.1',
  ];

  it('returns the neighbours, newest first, including the newest release', () => {
    expect(nearestVersions('v1.3.0', tags)).toEqual(['v2.0.0', 'v1.4.0', 'v1.2.1']);
  });
  it('works below the oldest and above the newest', () => {
    expect(nearestVersions('v0.9.0', tags)).toEqual(['v2.0.0', 'v1.1.0', 'v1.0.0']);
    expect(nearestVersions('v3.0.0', tags)).toEqual(['v2.0.0', 'v1.4.0', 'v1.2.1']);
  });
  it('ignores non-release tags and handles an empty repository', () => {
    expect(nearestVersions('v1.0.0', ['latest', 'sha-abc'])).toEqual([]);
    expect(nearestVersions('v1.0.1', ['v1.0.0'])).toEqual(['v1.0.0']);
  });
});
