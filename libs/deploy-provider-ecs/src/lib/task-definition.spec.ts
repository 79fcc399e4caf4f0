import type { TaskDefinition } from '@aws-sdk/client-ecs';
import {
  buildNextTaskDefinition,
  ContainerNotFoundError,
  describeChanges,
  digestOf,
  labelOf,
  toRevisionRef,
} from './task-definition';

const current: TaskDefinition = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:41',
  family: 'api',
  revision: 41,
  status: 'ACTIVE',
  requiresAttributes: [{ name: 'ecs.capability.execution-role-awslogs' }],
  compatibilities: ['EC2', 'FARGATE'],
  registeredAt: new Date(0),
  registeredBy: 'arn:aws:iam::123456789012:role/deployer',
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'api', image: 'repo/api:v1.1.0', essential: true, environment: [{ name: 'A', value: '1' }] },
    { name: 'sidecar', image: 'envoy:1.30', essential: false },
  ],
};
const tags = [
  { key: 'team', value: 'platform' },
  { key: 'slipway:version', value: 'v1.1.0' },
];
const release = {
  version: 'v1.2.0',
  commit: 'c'.repeat(40),
  digest: 'sha256:abc',
  previousTaskDefinition: current.taskDefinitionArn!,
};

describe('buildNextTaskDefinition', () => {
  const next = buildNextTaskDefinition(current, tags, 'api', 'repo/api@sha256:abc', release);

  it('replaces only the named container’s image with the digest reference', () => {
    expect(next.containerDefinitions).toEqual([
      { name: 'api', image: 'repo/api@sha256:abc', essential: true, environment: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'envoy:1.30', essential: false },
    ]);
    expect(next).toMatchObject({ family: 'api', networkMode: 'awsvpc', cpu: '256', memory: '512' });
  });

  it('strips every read-only field', () => {
    for (const field of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]) {
      expect(next).not.toHaveProperty(field);
    }
  });

  it('keeps foreign tags and sets Slipway’s version, commit, digest and previous revision', () => {
    expect(next.tags).toEqual([
      { key: 'team', value: 'platform' },
      { key: 'slipway:version', value: 'v1.2.0' },
      { key: 'slipway:commit', value: 'c'.repeat(40) },
      { key: 'slipway:digest', value: 'sha256:abc' },
      { key: 'slipway:previous-task-definition', value: current.taskDefinitionArn },
    ]);
    const withoutCommit = buildNextTaskDefinition(current, [], 'api', 'x@sha256:abc', {
      ...release,
      commit: undefined,
    });
    expect(withoutCommit.tags?.map((t) => t.key)).toEqual([
      'slipway:version',
      'slipway:digest',
      'slipway:previous-task-definition',
    ]);
  });

  it('does not touch its input', () => {
    expect(current.containerDefinitions?.[0].image).toBe('repo/api:v1.1.0');
    expect(current.revision).toBe(41);
  });

  it('names the containers that exist when the configured one does not', () => {
    expect(() => buildNextTaskDefinition(current, tags, 'web', 'x', release)).toThrow(ContainerNotFoundError);
    expect(() => buildNextTaskDefinition(current, tags, 'web', 'x', release)).toThrow(
      'container "web" is not in task definition api:41; it has: api, sidecar',
    );
    expect(() => buildNextTaskDefinition({ family: 'f' }, [], 'web', 'x', release)).toThrow('it has: no containers');
  });
});

describe('task definition helpers', () => {
  it('describes the changes a dry run shows', () => {
    const next = buildNextTaskDefinition(current, tags, 'api', 'repo/api@sha256:abc', release);
    expect(describeChanges(current, tags, next, 'api')).toEqual([
      { field: 'container api image', from: 'repo/api:v1.1.0', to: 'repo/api@sha256:abc' },
      { field: 'tag slipway:version', from: 'v1.1.0', to: 'v1.2.0' },
      { field: 'tag slipway:commit', from: '(none)', to: 'c'.repeat(40) },
      { field: 'tag slipway:digest', from: '(none)', to: 'sha256:abc' },
      { field: 'tag slipway:previous-task-definition', from: '(none)', to: current.taskDefinitionArn },
    ]);
  });

  it('reads a revision with its Slipway tags', () => {
    expect(
      toRevisionRef(current, [...tags, { key: 'slipway:previous-task-definition', value: 'arn:x/api:40' }], 'api'),
    ).toEqual({
      id: current.taskDefinitionArn,
      label: 'api:41',
      image: 'repo/api:v1.1.0',
      version: 'v1.1.0',
      commit: undefined,
      previousId: 'arn:x/api:40',
    });
    expect(toRevisionRef({}, [{ key: 'k' }], 'api')).toMatchObject({ id: '', image: '(no such container)' });
  });

  it('parses labels and digests', () => {
    expect(labelOf('arn:aws:ecs:eu-west-1:1:task-definition/api:7')).toBe('api:7');
    expect(digestOf('repo/api@sha256:abc')).toBe('sha256:abc');
    expect(digestOf('repo/api:v1')).toBeUndefined();
  });
});
