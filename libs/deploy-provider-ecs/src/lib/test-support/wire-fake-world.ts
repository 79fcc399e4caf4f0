import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { awsError, type FakeEcsWorld } from './fake-ecs-world';

/** The slice of an aws-sdk-client-mock stub used here (typed loosely to keep that package out of production code). */
interface Stub {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(command: any): { callsFake(fn: (input: any) => unknown): unknown };
}

/** Routes mocked ECS/ECR clients (`mockClient(ECSClient)`, `mockClient(ECRClient)`) to the fake world. */
export function wireFakeWorld(world: FakeEcsWorld, ecs: Stub, ecr: Stub): void {
  ecr.on(DescribeRepositoriesCommand).callsFake((input) => world.describeRepositories(input));
  ecr.on(DescribeImagesCommand).callsFake((input) => world.describeImages(input));
  ecs.on(DescribeServicesCommand).callsFake((input) => world.describeServices(input));
  ecs.on(DescribeTaskDefinitionCommand).callsFake((input) => world.describeTaskDefinition(input));
  ecs.on(RegisterTaskDefinitionCommand).callsFake((input) => world.registerTaskDefinition(input));
  ecs.on(UpdateServiceCommand).callsFake((input) => world.updateService(input));
  ecs.on(ListTasksCommand).callsFake((input) => world.listTasks(input));
  ecs.on(DescribeTasksCommand).callsFake((input) => world.describeTasks(input));
  // The fake world is an endpoint from before the service-deployments API (the simulator models it).
  for (const command of [
    ListServiceDeploymentsCommand,
    DescribeServiceDeploymentsCommand,
    DescribeServiceRevisionsCommand,
    StopServiceDeploymentCommand,
    ContinueServiceDeploymentCommand,
  ]) {
    ecs.on(command).callsFake(() => {
      throw awsError('UnknownOperationException', '');
    });
  }
}
