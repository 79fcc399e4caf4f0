import {
  commitShaTag,
  InvalidCommitShaError,
  InvalidVersionError,
  parseCommitSha,
  parseReleaseVersion,
} from '@slipway/versioning';
import { resolveCredentials, type AuthMode, type ResolvedCredentials } from './credentials/resolve-credentials';
import { DockerCli, digestsIn, type LocalEngine, type LocalImage } from './docker-cli';
import { invalidInput } from './errors';
import { checkImageLabels } from './image-labels';
import { parseRegistryHost, parseRepository } from './image-reference';
import { applyPlan, type TagOutcome } from './apply-plan';
import { planPublish, type PublishPlan } from './publish-plan';
import { RegistryClient, type RegistryClientOptions } from './registry-client';

export interface PublishRequest {
  readonly registry: string;
  readonly repository: string;
  /** The full 40-character lower-case SHA (`git rev-parse HEAD`); anything shorter is refused. */
  readonly commit: string;
  /** vX.Y.Z; absent: only the commit tag. */
  readonly version?: string;
  /** The locally built image (e.g. `api`). Not consulted with `promote`. */
  readonly image?: string;
  /** Tag what the registry already holds as sha-<commit>; never push a local image. */
  readonly promote?: boolean;
  readonly auth?: AuthMode;
  readonly plainHttp?: boolean;
}

export type { TagOutcome } from './apply-plan';

export interface PublishResult {
  /** registry/repository */
  readonly image: string;
  readonly digest: string;
  readonly tags: readonly { readonly tag: string; readonly outcome: TagOutcome }[];
  /** False when every tag already named the digest: the run changed nothing. */
  readonly changed: boolean;
}

export interface PublishDependencies {
  readonly engine?: LocalEngine;
  readonly credentials?: (registry: string, mode: AuthMode) => Promise<ResolvedCredentials>;
  readonly client?: (options: RegistryClientOptions) => RegistryClient;
  readonly log?: (line: string) => void;
}

interface Validated {
  readonly registry: string;
  readonly repository: string;
  readonly commit: string;
  readonly commitTag: string;
  readonly versionTag?: string;
}

/**
 * Build once, promote by tag, never move a tag:
 * validate everything, look both tags up, plan, check the image's labels, then write tags one by one,
 * re-checking each just before writing it. A refusal happens before the first write.
 */
export async function publishImage(request: PublishRequest, deps: PublishDependencies = {}): Promise<PublishResult> {
  const input = validate(request);
  const log = deps.log ?? (() => undefined);
  const engine = deps.engine ?? new DockerCli();

  const auth = await (deps.credentials ?? resolveCredentials)(input.registry, request.auth ?? 'auto');
  const client = (deps.client ?? ((o) => new RegistryClient(o)))({
    registry: input.registry,
    repository: input.repository,
    credentials: auth.credentials,
    plainHttp: request.plainHttp,
  });
  const imageName = client.imageName;
  log(`registry ${imageName} (credentials: ${auth.source})`);

  const remote = {
    commitTag: await client.resolveTag(input.commitTag),
    versionTag: input.versionTag ? await client.resolveTag(input.versionTag) : undefined,
  };
  const local = request.promote || !request.image ? undefined : await engine.inspect(request.image);
  if (!request.promote && !local)
    log(`no local image ${request.image}: promoting what the registry holds as ${input.commitTag}`);

  const plan = planPublish({
    imageName,
    commitTag: input.commitTag,
    versionTag: input.versionTag,
    remote,
    local: local && { ref: local.ref, digests: digestsIn(local, imageName) },
  });
  await checkLabels(plan, local, client, input);

  const push = (tag: string) => {
    if (!local) throw new Error(`internal: a push of ${tag} was planned without a local image`);
    return engine.push(local.ref, `${imageName}:${tag}`, auth.source === 'ecr' ? auth.credentials : undefined);
  };
  const { digest, tags } = await applyPlan(plan, { client, push, log });
  return { image: imageName, digest, tags, changed: tags.some((t) => t.outcome !== 'unchanged') };
}

/** The fix for a missing or malformed commit: the full SHA is what `sha-<commit>` tags and deploys read back. */
const COMMIT_FIX = 'pass --commit "$(git rev-parse HEAD)" (or set GITHUB_SHA)';

function validate(request: PublishRequest): Validated {
  if (!request.registry)
    throw invalidInput('no registry: pass --registry <host[:port]> or set IMAGE_REGISTRY (or ECR_REGISTRY)');
  if (!request.repository)
    throw invalidInput('no repository: pass --repository <name> or set IMAGE_REPOSITORY (or ECR_REPOSITORY)');
  if (!request.commit) throw invalidInput(`no commit: ${COMMIT_FIX}`);
  if (!request.promote && !request.image)
    throw invalidInput('no local image: pass --image <ref> (e.g. api), or --promote to tag what the registry holds');
  // Tags and their rules come from @slipway/versioning, the one place that says what an image may be tagged.
  const versionTag =
    request.version === undefined ? undefined : versioned(() => parseReleaseVersion(request.version).tag);
  const commit = versioned(() => parseCommitSha(request.commit), COMMIT_FIX);
  return {
    registry: parseRegistryHost(request.registry),
    repository: parseRepository(request.repository),
    commit,
    commitTag: commitShaTag(commit),
    versionTag,
  };
}

/** A versioning rule's refusal as invalid input, with the fix and the promise that nothing was pushed. */
function versioned<T>(parse: () => T, fix?: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidVersionError || error instanceof InvalidCommitShaError) {
      throw invalidInput(`${error.message}${fix ? `; ${fix}` : ''}; nothing was pushed`);
    }
    throw error;
  }
}

async function checkLabels(
  plan: PublishPlan,
  local: LocalImage | undefined,
  client: RegistryClient,
  input: Validated,
): Promise<void> {
  // A local image that survived planning is the very image being tagged (pushed, or known by digest);
  // without one, the plan names what the registry holds.
  let labels: Readonly<Record<string, string>>;
  if (local) labels = local.labels;
  else if (plan.digest) labels = await client.readLabels(plan.digest);
  else throw new Error('internal: a plan without a local image must name a registry digest');
  checkImageLabels(labels, {
    commit: input.commit,
    version: input.versionTag,
    image: local ? `the local image ${local.ref}` : `${client.imageName}:${input.commitTag}`,
  });
}
