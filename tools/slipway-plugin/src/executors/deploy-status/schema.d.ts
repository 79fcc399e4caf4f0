// Generated from src/executors/schemas.ts by `npx nx sync`: edit that file, not this one.
export interface DeployStatusExecutorSchema {
  /** Path of the app's deploy config (environments → provider, region, cluster, service, container, repository). Set in project.json. */
  config: string;
  /** Only this environment (default: all of them). */
  environment?: string;
  /** Override the environment's AWS region (else deploy.json, else AWS_REGION/profile). Needs --environment. */
  region?: string;
  /** Override the environment's ECS cluster. Needs --environment. */
  cluster?: string;
  /** Override the environment's ECS service. Needs --environment. */
  service?: string;
  /** Override the container whose image is replaced. Needs --environment. */
  container?: string;
  /** Override the ECR repository name holding the release images. Needs --environment. */
  repository?: string;
  /** Override the OCI registry host[:port] of a local environment (e.g. 127.0.0.1:5055). Needs --environment. */
  registry?: string;
  /** Override the port a local environment's container answers on. Needs --environment. */
  port?: string;
  /** Override the kubeconfig file of a kubernetes environment (else KUBECONFIG, ~/.kube/config, in-cluster). Needs --environment. */
  kubeconfig?: string;
  /** Override the kubeconfig context of a kubernetes environment. Needs --environment. */
  context?: string;
  /** Override the namespace of a kubernetes environment's Deployment. Needs --environment. */
  namespace?: string;
  /** Override the Kubernetes Deployment of a kubernetes environment. Needs --environment. */
  deployment?: string;
  /** Print the result as one JSON document on stdout (progress goes to stderr). */
  json?: boolean;
}
