import { FaultInjector } from './faults';
import { isMutating } from './call-log';
import { ManualClock, ScaledClock } from './clock';
import { hex, IdSequence, parseImageReference } from './ids';
import { page } from './paging';
import { Scheduler } from './scheduler';

describe('ScaledClock', () => {
  it('maps real milliseconds to simulated seconds and back, and jumps', () => {
    let real = 1_000_000;
    const clock = new ScaledClock(10, () => real);
    real += 250;
    expect(clock.now()).toBe(25);
    expect(clock.realTimeOf(25)).toBe(1_000_250);
    clock.advance(100);
    expect(clock.now()).toBe(125);
    expect(() => new ScaledClock(0)).toThrow('msPerSimSecond must be a positive number');
  });

  it('ManualClock moves only when told', () => {
    const clock = new ManualClock();
    clock.advance(3);
    expect([clock.now(), clock.realTimeOf(3)]).toEqual([3, 3000]);
  });
});

describe('Scheduler', () => {
  it('runs due transitions in time order, ties in scheduling order, stamping their own time', () => {
    const scheduler = new Scheduler();
    const seen: string[] = [];
    scheduler.schedule(5, () => seen.push(`b@${scheduler.time}`));
    scheduler.schedule(2, () => {
      seen.push(`a@${scheduler.time}`);
      scheduler.schedule(scheduler.time + 1, () => seen.push(`a2@${scheduler.time}`));
    });
    scheduler.schedule(5, () => seen.push(`c@${scheduler.time}`));
    scheduler.runUntil(4);
    expect(seen).toEqual(['a@2', 'a2@3']);
    expect(scheduler.time).toBe(4);
    scheduler.schedule(1, () => seen.push(`late@${scheduler.time}`));
    scheduler.runUntil(10);
    expect(seen).toEqual(['a@2', 'a2@3', 'late@4', 'b@5', 'c@5']);
    expect(scheduler.pending).toBe(0);
  });
});

describe('FaultInjector', () => {
  it('skips, then fails a number of calls, per operation; "*" matches all', () => {
    const faults = new FaultInjector([
      { operation: 'DescribeServices', error: 'ThrottlingException', skip: 1, times: 2 },
    ]);
    expect([1, 2, 3, 4].map(() => faults.check('DescribeServices')?.type)).toEqual([
      undefined,
      'ThrottlingException',
      'ThrottlingException',
      undefined,
    ]);
    expect(faults.check('DescribeServices')).toBeUndefined();
    faults.add({ operation: '*', error: 'ServerException', httpStatus: 503 });
    const error = faults.check('ListTasks')!;
    expect([error.type, error.httpStatus, error.message]).toEqual([
      'ServerException',
      503,
      'Service Unavailable. Please try again later.',
    ]);
    faults.add({ operation: 'X', error: 'Custom' });
    expect(faults.check('X')!.message).toBe('Service Unavailable. Please try again later.');
    expect(faults.summary().map((f) => f.fired)).toEqual([2, 2, 0]);
    expect(new FaultInjector([{ operation: 'X', error: 'Custom' }]).check('X')!.message).toBe('Injected Custom');
  });
});

describe('ids and references', () => {
  it('makes deterministic ids shaped like the real ones', () => {
    const a = new IdSequence();
    const b = new IdSequence();
    expect(a.deploymentId()).toBe(b.deploymentId());
    expect(a.deploymentId()).toMatch(/^ecs-svc\/\d{19}$/);
    expect(a.taskId()).toMatch(/^[0-9a-f]{32}$/);
    expect(a.eventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(hex('x', 8)).toHaveLength(8);
  });

  it.each([
    [
      '123.dkr.ecr.eu-west-1.amazonaws.com/slipway/api@sha256:ab',
      {
        registry: '123.dkr.ecr.eu-west-1.amazonaws.com',
        repository: 'slipway/api',
        tag: undefined,
        digest: 'sha256:ab',
      },
    ],
    ['localhost:5000/api:v1.2.0', { registry: 'localhost:5000', repository: 'api', tag: 'v1.2.0', digest: undefined }],
    ['slipway/api:v1', { registry: undefined, repository: 'slipway/api', tag: 'v1', digest: undefined }],
    ['nginx', { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined }],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });
});

describe('page', () => {
  it('pages with an opaque token and rejects bad ones', () => {
    const first = page([1, 2, 3], 2, undefined);
    expect(first.items).toEqual([1, 2]);
    expect(page([1, 2, 3], 2, first.nextToken)).toEqual({ items: [3], nextToken: undefined });
    expect(() => page([1], 0, undefined)).toThrow('maxResults');
    expect(() => page([1], 1, 'nope')).toThrow('The nextToken is not valid.');
  });
});

describe('isMutating', () => {
  it('calls everything but Describe/List/Get/BatchGet a write', () => {
    expect(['DescribeServices', 'ListTasks', 'BatchGetImage', 'GetAuthorizationToken'].map(isMutating)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['UpdateService', 'RegisterTaskDefinition', 'TagResource', 'StopServiceDeployment'].map(isMutating)).toEqual(
      [true, true, true, true],
    );
  });
});
