import { ManualClock } from './clock';
import { buildWorld } from './build-world';
import { apiScenario, PRESETS } from './presets';
import { ScenarioError, validateScenario } from './scenario';

describe('validateScenario', () => {
  it.each([
    [null, 'the scenario must be a JSON object'],
    [{ msPerSimSecond: 0 }, 'msPerSimSecond must be a number >= 0.001'],
    [{ startTime: 'yesterday' }, 'startTime must be an ISO timestamp'],
    [{ clusters: [''] }, 'clusters[0] must be a non-empty string'],
    [{ repositories: [{}] }, 'repositories[0].name must be a non-empty string'],
    [{ repositories: [{ name: 'r', images: [{}] }] }, 'repositories[0].images[0].tags must be an array of tags'],
    [{ taskDefinitions: [{ family: 'api' }] }, 'taskDefinitions[0] needs "image", or "repository" and "tag"'],
    [{ services: [{ cluster: 'c', name: 's' }] }, 'services[0].taskDefinition must be a non-empty string'],
    [
      {
        services: [
          {
            cluster: 'c',
            name: 's',
            taskDefinition: 'a',
            inProgress: { taskDefinition: 'a', behaviour: { kind: 'nope' } },
          },
        ],
      },
      'services[0].inProgress.behaviour.kind must be one of',
    ],
    [{ rollouts: { 'v1.2.0': { kind: 'superseded' } } }, 'rollouts["v1.2.0"].at is required for kind "superseded"'],
    [
      { rollouts: { default: { kind: 'crashLoop', taskInterval: 0 } } },
      'rollouts["default"].taskInterval must be a number >= 0.001',
    ],
    [{ rollouts: [] }, 'rollouts must be an object'],
    [
      { faults: [{ operation: 'UpdateService', error: 'X', httpStatus: 200 }] },
      'faults[0].httpStatus must be a number >= 400',
    ],
    [{ timeJumps: [1] }, 'timeJumps[0] must be an object'],
    [{ timeJumps: [{ afterOperation: 'ListTasks', seconds: 0 }] }, 'timeJumps[0].seconds must be a positive number'],
    [{ faults: [1] }, 'faults[0] must be an object'],
    [{ services: [1] }, 'services[0] must be an object'],
    [{ taskDefinitions: [1] }, 'taskDefinitions[0] must be an object'],
    [{ repositories: [1] }, 'repositories[0] must be an object'],
    [
      { services: [{ cluster: 'c', name: 's', taskDefinition: 'a', inProgress: 1 }] },
      'services[0].inProgress must be an object',
    ],
    [{ rollouts: { x: 1 } }, 'rollouts["x"] must be an object with a "kind"'],
  ])('rejects %j naming the problem', (input, message) => {
    expect(() => validateScenario(input)).toThrow(ScenarioError);
    expect(() => validateScenario(input)).toThrow(message);
  });

  it('accepts every preset', () => {
    for (const preset of Object.values(PRESETS)) expect(() => buildWorld(preset(), new ManualClock())).not.toThrow();
  });
});

describe('buildWorld', () => {
  it('digest-pins task definition images and dates things relative to startTime', () => {
    const world = buildWorld({ ...apiScenario(), startTime: '2026-03-01T12:00:00Z' }, new ManualClock());
    const td = world.findTaskDefinition('api')!;
    expect(td.revision).toBe(2);
    expect(td.body.containerDefinitions[0].image).toMatch(
      /^123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/slipway\/api@sha256:[0-9a-f]{64}$/,
    );
    expect(world.timestamp(0)).toBe(Date.parse('2026-03-01T12:00:00Z') / 1000);
  });

  it('names unknown task definitions and images', () => {
    expect(() =>
      buildWorld(
        { ...apiScenario(), services: [{ cluster: 'c', name: 's', taskDefinition: 'web' }] },
        new ManualClock(),
      ),
    ).toThrow('services "s".taskDefinition "web" is not among taskDefinitions');
    expect(() =>
      buildWorld({ taskDefinitions: [{ family: 'api', repository: 'slipway/api', tag: 'v1' }] }, new ManualClock()),
    ).toThrow('image slipway/api:v1 is not among repositories');
  });

  it('keeps literal images, extra clusters and other regions and accounts', () => {
    const world = buildWorld(
      {
        region: 'us-east-1',
        accountId: '111122223333',
        clusters: ['empty'],
        taskDefinitions: [{ family: 'web', image: 'nginx:1.27', tags: { team: 'edge' } }],
        services: [{ cluster: 'main', name: 'web', taskDefinition: 'web:1', desiredCount: 1 }],
      },
      new ManualClock(),
    );
    expect([...world.clusters.keys()]).toEqual(['empty', 'main']);
    expect(world.findTaskDefinition('web')!.arn).toBe('arn:aws:ecs:us-east-1:111122223333:task-definition/web:1');
    expect(world.findTaskDefinition('web')!.tags).toEqual([{ key: 'team', value: 'edge' }]);
    expect(world.imageOf('nginx:1.27')).toBeUndefined();
    expect(world.behaviourFor(world.findTaskDefinition('web')!)).toEqual({ kind: 'healthy', after: 60 });
  });
});
