// Generated from src/executors/schemas.ts by `npx nx sync`: edit that file, not this one.
export interface PublishImageExecutorSchema {
  /** The locally built image to publish (what docker:build tagged), e.g. api. Not used with --promote. */
  image?: string;
  /** Registry host[:port], e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com. Default: IMAGE_REGISTRY, then ECR_REGISTRY. */
  registry?: string;
  /** Repository in the registry, e.g. slipway/api. A flag wins over IMAGE_REPOSITORY / ECR_REPOSITORY, which win over the target's configuration. */
  repository?: string;
  /** Git commit the image was built from: the full 40-character lower-case SHA (git rev-parse HEAD); it becomes the sha-<commit> tag. Default: GITHUB_SHA, then git rev-parse HEAD. */
  commit?: string;
  /** Release version vX.Y.Z to tag as well. Pass it after --: nx run api:publish-image -- --version v1.2.0 (Nx swallows a bare --version). */
  version?: string;
  /** Tag what the registry already holds as sha-<commit>; never push a local image. */
  promote?: boolean;
  /** auto: an existing docker login, else the ECR authorization token (AWS SDK) for ECR hosts, else anonymous. */
  auth?: 'auto' | 'docker' | 'ecr' | 'none';
  /** Talk HTTP to a non-loopback registry (loopback registries are HTTP already). */
  plainHttp?: boolean;
  /** Print one JSON object on stdout (progress goes to stderr). */
  json?: boolean;
}
