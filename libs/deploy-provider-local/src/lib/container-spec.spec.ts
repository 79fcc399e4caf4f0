import { createArguments, newRolloutId, replacedName, stagingName } from './container-spec';
import { LABELS } from './revision';

describe('createArguments', () => {
  const revision = { image: 'reg/api@sha256:1', version: 'v1.0.0', commit: 'a'.repeat(40), history: [] };
  const settings = {
    registry: 'reg',
    repository: 'api',
    container: 'api-local',
    port: 3111,
    network: 'host',
    containerPort: 3000,
  };

  it('runs the digest-pinned image on the host network with PORT, restarting unless stopped, labelled', () => {
    const args = createArguments({ name: 'api-local-next', revision, environment: 'local', rolloutId: 'r1' }, settings);
    expect(args.slice(0, 10)).toEqual([
      'create',
      '--name',
      'api-local-next',
      '--restart',
      'unless-stopped',
      '--network',
      'host',
      '--env',
      'PORT=3111',
      '--label',
    ]);
    expect(args).toContain(`${LABELS.version}=v1.0.0`);
    expect(args).toContain(`${LABELS.rollout}=r1`);
    expect(args).not.toContain('--publish');
    expect(args[args.length - 1]).toBe('reg/api@sha256:1');
  });

  it('publishes the port on 127.0.0.1 on any other network', () => {
    const args = createArguments(
      { name: 'n', revision, environment: 'local', rolloutId: 'r1' },
      { ...settings, network: 'bridge' },
    );
    expect(args.slice(5, 11)).toEqual([
      '--network',
      'bridge',
      '--env',
      'PORT=3000',
      '--publish',
      '127.0.0.1:3111:3000',
    ]);
  });

  it('names the staging and replaced containers and the rollout', () => {
    expect(stagingName('api-local')).toBe('api-local-next');
    expect(replacedName('api-local')).toBe('api-local-replaced');
    expect(newRolloutId('api-local', new Date(Date.UTC(2026, 0, 1)))).toBe('api-local@2026-01-01T00:00:00.000Z');
  });
});
