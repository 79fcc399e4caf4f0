// Generated from src/executors/schemas.ts by `npx nx sync`: edit that file, not this one.
export interface DeployExecutorSchema {
  /** Path of the app's deploy config (environments → provider, region, cluster, service, container, repository). Set in project.json. */
  config: string;
  /** Release to deploy, vX.Y.Z (required). Put it after `--`: nx run api:deploy -- --version v1.2.0. */
  version?: string;
  /** Environment from the deploy config (e.g. staging, production). Required when the config has several; production is never a default. */
  environment?: string;
  /** Override the environment's AWS region (else deploy.json, else AWS_REGION/profile). */
  region?: string;
  /** Override the environment's ECS cluster. */
  cluster?: string;
  /** Override the environment's ECS service. */
  service?: string;
  /** Override the container whose image is replaced. */
  container?: string;
  /** Override the ECR repository name holding the release images. */
  repository?: string;
  /** Override the OCI registry host[:port] of a local environment (e.g. 127.0.0.1:5055). */
  registry?: string;
  /** Override the port a local environment's container answers on. */
  port?: string;
  /** Override the kubeconfig file of a kubernetes environment (else KUBECONFIG, ~/.kube/config, in-cluster). */
  kubeconfig?: string;
  /** Override the kubeconfig context of a kubernetes environment. */
  context?: string;
  /** Override the namespace of a kubernetes environment's Deployment. */
  namespace?: string;
  /** Override the Kubernetes Deployment of a kubernetes environment. */
  deployment?: string;
  /** Resolve, validate and print the plan (current → new image, revision, service); change nothing. */
  dryRun?: boolean;
  /** How long to watch the deployment before calling it timed out: 15m, 90s, 1h, or seconds (900). */
  timeout?: string | number;
  /** Roll back to the previous revision on failure or timeout. --no-rollback only follows a rollback ECS starts itself. */
  rollback?: boolean;
  /** Deploy even if another deployment is in progress, or if this exact image already runs. */
  force?: boolean;
  /** When to stop watching: "deployed" (a terminal status of the ECS service deployment) or "stage:<STAGE>" (e.g. stage:BAKE_TIME: as soon as production traffic is fully on the new revision; the bake and its rollback window go on). Stages exist for BLUE_GREEN, LINEAR and CANARY only; checked before any change. */
  waitUntil?: string;
  /** At a PAUSE lifecycle hook: "exit" ends PAUSED (exit 8) with the hook id and its expiry (decide later with deploy-continue or rollback); "wait" keeps watching until someone decides or the hook times out. */
  onPause?: 'exit' | 'wait';
  /** Also write the report, with the rollout chart (mermaid), to this .md or .html file. */
  report?: string;
  /** Print the result as one JSON document on stdout (progress goes to stderr). */
  json?: boolean;
}
