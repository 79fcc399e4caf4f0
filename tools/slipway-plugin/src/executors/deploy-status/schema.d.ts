export interface DeployStatusExecutorSchema {
  config: string;
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
  json?: boolean;
}
