export { startK8sSimulator, type RunningK8sSimulator, type StartOptions } from './lib/http-server';
export { K8sSimulator, type SimulatorOptions } from './lib/simulator';
export { World, type TimelineEntry } from './lib/world';
export { WatchCache } from './lib/watch-cache';
export { ApiServer, routeOf, validateDeployment, SIM_USER } from './lib/api-server';
export { FakeOciRegistry, commitOf } from './lib/registry';
export { simulatorKubeconfig } from './lib/kubeconfig';
export type { CallRecord } from './lib/call-log';
export {
  validateScenario,
  ScenarioError,
  type Scenario,
  type PodBehaviour,
  type DeploymentSeed,
  type Fault,
} from './lib/scenario';
export * from './lib/presets';
