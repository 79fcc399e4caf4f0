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
  rollback?: boolean;
  force?: boolean;
  json?: boolean;
}
