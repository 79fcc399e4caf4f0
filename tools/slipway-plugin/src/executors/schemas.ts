import { DEPLOY_EXIT_CODES, PUBLISH_EXIT_CODES, STATUS_EXIT_CODES } from '../lib/exit-code-text';

/**
 * The options of every executor, written once. Nx reads each executor's schema.json from disk, so
 * those files (and their schema.d.ts types) are generated from here: change this file, then run
 * `npx nx sync`; a test fails while they differ.
 */
export interface OptionSchema {
  readonly type: 'string' | 'boolean' | readonly ['string', 'number'];
  readonly enum?: readonly string[];
  readonly default?: string | boolean;
  readonly description: string;
}

export interface ExecutorSchema {
  /** The options type schema.d.ts exports. */
  readonly typeName: string;
  readonly title: string;
  readonly description: string;
  readonly properties: Readonly<Record<string, OptionSchema>>;
  readonly required: readonly string[];
  readonly additionalProperties?: false;
}

const text = (description: string): OptionSchema => ({ type: 'string', description });
const flag = (fallback: boolean, description: string): OptionSchema => ({
  type: 'boolean',
  default: fallback,
  description,
});

const CONFIG = text(
  "Path of the app's deploy config (environments → provider, region, cluster, service, container, repository). Set in project.json.",
);
const ENVIRONMENT = text(
  'Environment from the deploy config (e.g. staging, production). Required when the config has several; production is never a default.',
);
const JSON_OUTPUT = flag(false, 'Print the result as one JSON document on stdout (progress goes to stderr).');

/** Where the app runs, each overriding its deploy.json setting; deploy-status needs --environment with them. */
function targetOverrides(suffix = ''): Record<string, OptionSchema> {
  const override = (description: string) => text(description + suffix);
  return {
    region: override("Override the environment's AWS region (else deploy.json, else AWS_REGION/profile)."),
    cluster: override("Override the environment's ECS cluster."),
    service: override("Override the environment's ECS service."),
    container: override('Override the container whose image is replaced.'),
    repository: override('Override the ECR repository name holding the release images.'),
    registry: override('Override the OCI registry host[:port] of a local environment (e.g. 127.0.0.1:5055).'),
    port: override("Override the port a local environment's container answers on."),
    kubeconfig: override(
      'Override the kubeconfig file of a kubernetes environment (else KUBECONFIG, ~/.kube/config, in-cluster).',
    ),
    context: override('Override the kubeconfig context of a kubernetes environment.'),
    namespace: override("Override the namespace of a kubernetes environment's Deployment."),
    deployment: override('Override the Kubernetes Deployment of a kubernetes environment.'),
  };
}

/** How deploy and rollback change and watch the target. */
const ROLLOUT: Record<string, OptionSchema> = {
  dryRun: flag(false, 'Resolve, validate and print the plan (current → new image, revision, service); change nothing.'),
  timeout: {
    type: ['string', 'number'],
    default: '15m',
    description: 'How long to watch the deployment before calling it timed out: 15m, 90s, 1h, or seconds (900).',
  },
  rollback: flag(
    true,
    'Roll back to the previous revision on failure or timeout. --no-rollback only follows a rollback ECS starts itself.',
  ),
  force: flag(false, 'Deploy even if another deployment is in progress, or if this exact image already runs.'),
};

/** How far to follow an ECS service deployment (stages, PAUSE hooks), and where to write the report. */
const WATCH_UNTIL: Record<string, OptionSchema> = {
  waitUntil: {
    type: 'string',
    default: 'deployed',
    description:
      'When to stop watching: "deployed" (a terminal status of the ECS service deployment) or "stage:<STAGE>" ' +
      '(e.g. stage:BAKE_TIME: as soon as production traffic is fully on the new revision; the bake and its rollback ' +
      'window go on). Stages exist for BLUE_GREEN, LINEAR and CANARY only; checked before any change.',
  },
  onPause: {
    type: 'string',
    enum: ['exit', 'wait'],
    default: 'exit',
    description:
      'At a PAUSE lifecycle hook: "exit" ends PAUSED (exit 8) with the hook id and its expiry (decide later with ' +
      'deploy-continue or rollback); "wait" keeps watching until someone decides or the hook times out.',
  },
  report: text('Also write the report, with the rollout chart (mermaid), to this .md or .html file.'),
};

/** Deploy's and rollback's options: the same but for which version they deploy. */
function rolloutOptions(version: Record<string, OptionSchema>): Record<string, OptionSchema> {
  return {
    config: CONFIG,
    ...version,
    environment: ENVIRONMENT,
    ...targetOverrides(),
    ...ROLLOUT,
    ...WATCH_UNTIL,
    json: JSON_OUTPUT,
  };
}

export const EXECUTOR_SCHEMAS = {
  deploy: {
    typeName: 'DeployExecutorSchema',
    title: 'Slipway deploy',
    description:
      'Deploy a released version, pinned by digest, to one environment; watch that deployment, fail fast, roll back. ' +
      'Pass options after `--`: nx run api:deploy -- --version v1.2.0 --environment production (a bare --version ' +
      'before `--` is swallowed by Nx). Exit codes (in the summary line, --json, GITHUB_OUTPUT exit-code, and ' +
      `bin/slipway.js): ${DEPLOY_EXIT_CODES}. See docs/deploy.md.`,
    properties: rolloutOptions({
      version: text('Release to deploy, vX.Y.Z (required). Put it after `--`: nx run api:deploy -- --version v1.2.0.'),
    }),
    required: ['config'],
    additionalProperties: false,
  },
  rollback: {
    typeName: 'RollbackExecutorSchema',
    title: 'Slipway rollback',
    description:
      'Redeploy the previously deployed version (read from the task-definition tags Slipway writes on every deploy) ' +
      'or the one named with --to, through the same path as deploy: resolve, plan, guard, apply, watch, roll back on ' +
      `failure. nx run api:rollback -- --environment production [--to v1.1.0]. Exit codes as deploy: ${DEPLOY_EXIT_CODES}.`,
    properties: rolloutOptions({
      to: text('Version to go back to, vX.Y.Z. Default: the version deployed before the one running now.'),
    }),
    required: ['config'],
    additionalProperties: false,
  },
  'deploy-continue': {
    typeName: 'DeployContinueExecutorSchema',
    title: 'Slipway deploy-continue',
    description:
      'Answer the PAUSE lifecycle hook an ECS deployment waits at with CONTINUE (ContinueServiceDeployment), then ' +
      'watch it to the end like deploy: nx run api:deploy-continue -- --environment production. Refused (exit 2, ' +
      'nothing changed) when no deployment waits at a hook; to roll a paused deployment back instead, run rollback. ' +
      `Exit codes as deploy: ${DEPLOY_EXIT_CODES}.`,
    properties: {
      config: CONFIG,
      environment: ENVIRONMENT,
      ...targetOverrides(),
      timeout: ROLLOUT['timeout'],
      rollback: ROLLOUT['rollback'],
      ...WATCH_UNTIL,
      json: JSON_OUTPUT,
    },
    required: ['config'],
    additionalProperties: false,
  },
  'deploy-status': {
    typeName: 'DeployStatusExecutorSchema',
    title: 'Slipway deploy status',
    description:
      'For each environment of the app (or the one named): running version, digest, task definition revision, ' +
      'rollout state and since when. Read-only. nx run api:deploy-status [-- --environment production] [--json]. ' +
      `Exit codes: ${STATUS_EXIT_CODES}.`,
    properties: {
      config: CONFIG,
      environment: text('Only this environment (default: all of them).'),
      ...targetOverrides(' Needs --environment.'),
      json: JSON_OUTPUT,
    },
    required: ['config'],
    additionalProperties: false,
  },
  'publish-image': {
    typeName: 'PublishImageExecutorSchema',
    title: 'publish-image',
    description:
      'Push the built image as sha-<commit> and, with --version, vX.Y.Z on the same digest. Build once, promote by ' +
      `tag, never move a tag. Exit codes: ${PUBLISH_EXIT_CODES} (nx run collapses failures to 1; use ` +
      'bin/slipway.js or --json for the code).',
    properties: {
      image: text('The locally built image to publish (what docker:build tagged), e.g. api. Not used with --promote.'),
      registry: text(
        'Registry host[:port], e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com. Default: IMAGE_REGISTRY, then ECR_REGISTRY.',
      ),
      repository: text(
        "Repository in the registry, e.g. slipway/api. A flag wins over IMAGE_REPOSITORY / ECR_REPOSITORY, which win over the target's configuration.",
      ),
      commit: text(
        'Git commit the image was built from: the full 40-character lower-case SHA (git rev-parse HEAD); it becomes the sha-<commit> tag. Default: GITHUB_SHA, then git rev-parse HEAD.',
      ),
      version: text(
        'Release version vX.Y.Z to tag as well. Pass it after --: nx run api:publish-image -- --version v1.2.0 (Nx swallows a bare --version).',
      ),
      promote: flag(false, 'Tag what the registry already holds as sha-<commit>; never push a local image.'),
      auth: {
        type: 'string',
        enum: ['auto', 'docker', 'ecr', 'none'],
        default: 'auto',
        description:
          'auto: an existing docker login, else the ECR authorization token (AWS SDK) for ECR hosts, else anonymous.',
      },
      plainHttp: flag(false, 'Talk HTTP to a non-loopback registry (loopback registries are HTTP already).'),
      json: flag(false, 'Print one JSON object on stdout (progress goes to stderr).'),
    },
    required: [],
  },
} satisfies Record<string, ExecutorSchema>;

export type ExecutorName = keyof typeof EXECUTOR_SCHEMAS;
