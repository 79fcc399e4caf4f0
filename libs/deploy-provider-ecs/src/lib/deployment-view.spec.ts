import { ServiceDeploymentLifecycleStage, type Service, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { deploymentPolicyOf, ECS_LIFECYCLE_STAGES, toPlatformDeployment } from './deployment-view';

const REV = (id: string) => `arn:aws:ecs:us-west-2:123456789012:service-revision/my-cluster/my-service/${id}`;

describe('a service deployment in the engine’s terms', () => {
  it('knows every lifecycle stage of the SDK, each once, in ECS’s documented order', () => {
    // The docs list PRE_PRODUCTION_TRAFFIC_SHIFT as a stage; the SDK's stage enum lacks it (a hook stage there).
    const documented = [...Object.values(ServiceDeploymentLifecycleStage), 'PRE_PRODUCTION_TRAFFIC_SHIFT'];
    expect([...ECS_LIFECYCLE_STAGES].sort()).toEqual(documented.sort());
    expect(ECS_LIFECYCLE_STAGES.indexOf('TEST_TRAFFIC_SHIFT')).toBeLessThan(
      ECS_LIFECYCLE_STAGES.indexOf('PRODUCTION_TRAFFIC_SHIFT'),
    );
  });

  it('ROLLING, SUCCESSFUL (the AWS CLI example): no stage, breaker MONITORING_COMPLETE with its threshold', () => {
    const sd: ServiceDeployment = {
      serviceDeploymentArn:
        'arn:aws:ecs:us-east-1:123456789012:service-deployment/example-cluster/example-service/ejGvqq2ilnbKT9qj0vLJe',
      status: 'SUCCESSFUL',
      sourceServiceRevisions: [],
      targetServiceRevision: {
        arn: REV('1485800978477494678'),
        requestedTaskCount: 1,
        runningTaskCount: 1,
        pendingTaskCount: 0,
      },
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200 },
      deploymentCircuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 },
      alarms: { status: 'DISABLED' },
    };
    const view = toPlatformDeployment(
      sd,
      new Map([[REV('1485800978477494678'), 'arn:aws:ecs:us-east-1:1:task-definition/webserver:5']]),
    );
    expect(view).toMatchObject({
      status: 'SUCCESSFUL',
      strategy: 'ROLLING',
      stage: undefined,
      revisions: [{ label: 'webserver:5', role: 'target', requested: 1, running: 1, pending: 0 }],
      circuitBreaker: { status: 'MONITORING_COMPLETE', failureCount: 0, threshold: 3 },
      alarms: { status: 'DISABLED', names: [], triggered: [] },
      hooks: [],
    });
  });

  it('BLUE_GREEN paused at a PAUSE hook (the API example): hook id, expiry and timeout action; unknown revisions keep a short id', () => {
    const sd: ServiceDeployment = {
      serviceDeploymentArn: 'arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/xyz789ABC123',
      status: 'IN_PROGRESS',
      targetServiceRevision: {
        arn: REV('1234567890123456789'),
        requestedTaskCount: 2,
        runningTaskCount: 2,
        pendingTaskCount: 0,
      },
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] }],
      },
      lifecycleHookDetails: [
        {
          hookId: 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq',
          targetType: 'PAUSE',
          status: 'AWAITING_ACTION',
          expiresAt: new Date('2026-05-06T16:03:00Z'),
          timeoutAction: 'ROLLBACK',
        },
      ],
    };
    const view = toPlatformDeployment(sd, new Map());
    expect(view.stage).toBeUndefined();
    expect(view.revisions[0].label).toBe('revision 1234567890123456789');
    expect(view.hooks).toEqual([
      {
        id: 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWq',
        type: 'PAUSE',
        status: 'AWAITING_ACTION',
        expiresAt: new Date('2026-05-06T16:03:00Z'),
        timeoutAction: 'ROLLBACK',
      },
    ]);
  });

  it('a canary step: per-revision weights, triggered alarms and the rollback record', () => {
    const view = toPlatformDeployment(
      {
        status: 'ROLLBACK_IN_PROGRESS',
        lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
        deploymentConfiguration: { strategy: 'CANARY', bakeTimeInMinutes: 10 },
        targetServiceRevision: { arn: REV('2'), requestedProductionTrafficWeight: 10, requestedTestTrafficWeight: 100 },
        sourceServiceRevisions: [{ arn: REV('1'), requestedProductionTrafficWeight: 90, runningTaskCount: 2 }],
        alarms: { status: 'TRIGGERED', alarmNames: ['api-5xx', 'api-p99'], triggeredAlarmNames: ['api-5xx'] },
        rollback: { reason: 'alarm', serviceRevisionArn: REV('1') },
      },
      new Map([
        [REV('1'), 'arn:x:task-definition/api:2'],
        [REV('2'), 'arn:x:task-definition/api:3'],
      ]),
    );
    expect(view).toMatchObject({
      strategy: 'CANARY',
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
      bakeMinutes: 10,
      revisions: [
        { label: 'api:3', role: 'target', productionWeight: 10, testWeight: 100 },
        { label: 'api:2', role: 'source', productionWeight: 90, running: 2 },
      ],
      alarms: { triggered: ['api-5xx'] },
      rollback: { reason: 'alarm', revisionId: REV('1') },
    });
  });
});

describe('how the service deploys, read before any change', () => {
  const service = (patch: Partial<Service>): Service => ({ serviceName: 'api', serviceArn: 'arn:svc', ...patch });

  it('ROLLING has no stages; the others have ECS’s eleven, in order, and their PAUSE stages', () => {
    expect(deploymentPolicyOf(service({}), true)).toEqual({
      strategy: 'ROLLING',
      stages: [],
      bakeMinutes: undefined,
      pauseStages: [],
      followable: true,
      refusals: [],
    });
    const bg = deploymentPolicyOf(
      service({
        deploymentConfiguration: {
          strategy: 'BLUE_GREEN',
          bakeTimeInMinutes: 30,
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
        },
      }),
      false,
    );
    expect(bg).toMatchObject({
      stages: [...ECS_LIFECYCLE_STAGES],
      bakeMinutes: 30,
      pauseStages: ['POST_TEST_TRAFFIC_SHIFT'],
      followable: false,
    });
    expect(bg.stages.indexOf('BAKE_TIME')).toBeGreaterThan(bg.stages.indexOf('PRODUCTION_TRAFFIC_SHIFT'));
  });

  it('refuses Express Mode services, PAUSE hooks where ECS forbids them and early success on other strategies', () => {
    expect(deploymentPolicyOf(service({ resourceManagementType: 'ECS' }), true).refusals[0]).toMatch(
      /^api is an ECS Express Mode service \(resourceManagementType ECS\).*UpdateExpressGatewayService/,
    );
    const refusals = deploymentPolicyOf(
      service({
        deploymentConfiguration: {
          strategy: 'CANARY',
          minimumHealthyPercent: 100,
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'POST_SCALE_UP'] }],
          earlySuccessCriteria: { enable: true, healthyPercent: 50 },
        },
      }),
      true,
    ).refusals;
    expect(refusals).toHaveLength(3);
    expect(refusals[0]).toMatch(
      /PAUSE lifecycle hook at TEST_TRAFFIC_SHIFT, where ECS allows none.*POST_TEST_TRAFFIC_SHIFT/,
    );
    expect(refusals[1]).toMatch(/earlySuccessCriteria with strategy CANARY; ECS supports early success for ROLLING/);
    expect(refusals[2]).toMatch(/healthyPercent 50 is below minimumHealthyPercent 100/);
  });
});
