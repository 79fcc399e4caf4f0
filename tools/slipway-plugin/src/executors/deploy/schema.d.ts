export interface DeployExecutorSchema {
  config: string;
  version?: string;
  environment?: string;
  region?: string;
  cluster?: string;
  service?: string;
  container?: string;
  repository?: string;
  registry?: string;
  port?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  deployment?: string;
  dryRun?: boolean;
  timeout?: string | number;
  waitUntil?: string;
  onPause?: 'exit' | 'wait';
  report?: string;
  rollback?: boolean;
  force?: boolean;
  json?: boolean;
}
