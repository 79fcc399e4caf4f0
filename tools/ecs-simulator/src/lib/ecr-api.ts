import { AwsError, invalidParameter } from './aws-error';
import type { Handler, Input } from './ecs-api';
import { hex } from './ids';
import type { Image, Repository } from './model';
import { page } from './paging';
import type { World } from './world';

/** ECR operations over the simulated repositories. */

const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

interface ImageId {
  imageTag?: string;
  imageDigest?: string;
}

function requireRepository(world: World, input: Input): Repository {
  const name = input['repositoryName'];
  if (typeof name !== 'string' || name === '') throw invalidParameter('repositoryName must be specified.');
  const repository = world.findRepository(name);
  if (!repository) {
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${world.options.accountId}'`,
    );
  }
  return repository;
}

function imageIds(value: unknown): ImageId[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100)
    throw invalidParameter('imageIds must list 1 to 100 image ids.');
  for (const id of value as ImageId[]) {
    if (!id || (typeof id.imageTag !== 'string' && typeof id.imageDigest !== 'string')) {
      throw invalidParameter('Each imageId needs an imageTag or an imageDigest.');
    }
  }
  return value as ImageId[];
}

const describeId = (world: World, repository: Repository, id: ImageId) =>
  `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repository.name}' in the registry with id '${world.options.accountId}'`;

function imageDetail(world: World, repository: Repository, image: Image) {
  return {
    registryId: world.options.accountId,
    repositoryName: repository.name,
    imageDigest: image.digest,
    imageTags: image.tags.length > 0 ? [...image.tags] : undefined,
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: image.pushedAt,
    imageManifestMediaType: INDEX_MEDIA_TYPE,
    artifactMediaType: INDEX_MEDIA_TYPE,
  };
}

/** An OCI index with one manifest per platform, as `docker buildx` pushes. */
export function manifestOf(image: Image): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: INDEX_MEDIA_TYPE,
    manifests: image.platforms.map((platform) => {
      const [os, architecture] = platform.split('/');
      return {
        mediaType: MANIFEST_MEDIA_TYPE,
        digest: `sha256:${hex(`${image.digest}/${platform}`, 64)}`,
        size: 1_093,
        platform: { os, architecture },
      };
    }),
  });
}

function tagFilter(input: Input): (image: Image) => boolean {
  const status = (input['filter'] as Input | undefined)?.['tagStatus'] ?? 'ANY';
  if (status === 'TAGGED') return (image) => image.tags.length > 0;
  if (status === 'UNTAGGED') return (image) => image.tags.length === 0;
  return () => true;
}

export const ecrHandlers: Record<string, Handler> = {
  DescribeRepositories(world, input) {
    const names = input['repositoryNames'];
    let repositories: Repository[];
    if (Array.isArray(names)) {
      repositories = names.map((name) => requireRepository(world, { repositoryName: name }));
    } else {
      repositories = [...world.repositories.values()];
    }
    const { items, nextToken } = page(repositories, input['maxResults'], input['nextToken']);
    return {
      repositories: items.map((r) => ({
        repositoryArn: r.arn,
        registryId: world.options.accountId,
        repositoryName: r.name,
        repositoryUri: r.uri,
        createdAt: r.createdAt,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'AES256' },
      })),
      nextToken,
    };
  },

  DescribeImages(world, input) {
    const repository = requireRepository(world, input);
    let images: Image[];
    if (input['imageIds'] !== undefined) {
      images = imageIds(input['imageIds']).map((id) => {
        const image = world.findImage(repository, id);
        if (!image) throw new AwsError('ImageNotFoundException', describeId(world, repository, id));
        return image;
      });
    } else {
      images = repository.images.filter(tagFilter(input));
    }
    const { items, nextToken } = page(images, input['maxResults'], input['nextToken']);
    return { imageDetails: items.map((image) => imageDetail(world, repository, image)), nextToken };
  },

  ListImages(world, input) {
    const repository = requireRepository(world, input);
    const ids = repository.images
      .filter(tagFilter(input))
      .flatMap((image) =>
        image.tags.length > 0
          ? image.tags.map((imageTag) => ({ imageDigest: image.digest, imageTag }))
          : [{ imageDigest: image.digest }],
      );
    const { items, nextToken } = page(ids, input['maxResults'], input['nextToken']);
    return { imageIds: items, nextToken };
  },

  BatchGetImage(world, input) {
    const repository = requireRepository(world, input);
    const images = [];
    const failures = [];
    for (const id of imageIds(input['imageIds'])) {
      const image = world.findImage(repository, id);
      if (image) {
        images.push({
          registryId: world.options.accountId,
          repositoryName: repository.name,
          imageId: { imageDigest: image.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
          imageManifest: manifestOf(image),
          imageManifestMediaType: INDEX_MEDIA_TYPE,
        });
      } else {
        const digestKnown = id.imageDigest !== undefined && repository.images.some((i) => i.digest === id.imageDigest);
        failures.push({
          imageId: id,
          failureCode: digestKnown ? 'ImageTagDoesNotMatchDigest' : 'ImageNotFound',
          failureReason: digestKnown ? 'Requested image tag does not match the digest' : 'Requested image not found',
        });
      }
    }
    return { images, failures };
  },
};
