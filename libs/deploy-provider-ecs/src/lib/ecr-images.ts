import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  type ImageDetail,
} from '@aws-sdk/client-ecr';
import { type ImageResolution, ProviderError, type ResolvedImage } from '@slipway/deploy-engine';
import { commitFromTags } from '@slipway/versioning';
import { awsCall, toProviderError } from './aws-errors';

/** Pages of tagged images read for the "nearest versions" hint (1000 images each). */
const MAX_TAG_PAGES = 5;

/** Tag → digest in ECR, plus the commit from the `sha-<commit>` tag on the same digest. */
export class EcrImages {
  private repositoryUri?: string;

  constructor(
    private readonly ecr: ECRClient,
    private readonly repository: string,
  ) {}

  async resolve(version: string): Promise<ImageResolution> {
    const uri = await this.uri();
    let detail: ImageDetail | undefined;
    try {
      const found = await this.ecr.send(
        new DescribeImagesCommand({ repositoryName: this.repository, imageIds: [{ imageTag: version }] }),
      );
      detail = found.imageDetails?.find((d) => d.imageTags?.includes(version)) ?? found.imageDetails?.[0];
    } catch (error) {
      if ((error as Error).name !== 'ImageNotFoundException') throw toProviderError('ecr:DescribeImages', error);
    }
    if (!detail?.imageDigest) return { found: false, repository: this.repository, existingTags: await this.listTags() };
    return { found: true, image: toResolvedImage(version, uri, detail) };
  }

  private async uri(): Promise<string> {
    if (this.repositoryUri) return this.repositoryUri;
    const result = await awsCall('ecr:DescribeRepositories', () =>
      this.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [this.repository] })),
    );
    const uri = result.repositories?.[0]?.repositoryUri;
    if (!uri)
      throw new ProviderError('not-found', `repository ${this.repository} was not found`, 'ecr:DescribeRepositories');
    this.repositoryUri = uri;
    return uri;
  }

  private async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_TAG_PAGES; page++) {
      const result = await awsCall('ecr:DescribeImages', () =>
        this.ecr.send(
          new DescribeImagesCommand({
            repositoryName: this.repository,
            filter: { tagStatus: 'TAGGED' },
            maxResults: 1000,
            nextToken,
          }),
        ),
      );
      for (const detail of result.imageDetails ?? []) tags.push(...(detail.imageTags ?? []));
      nextToken = result.nextToken;
      if (!nextToken) break;
    }
    return tags;
  }
}

export function toResolvedImage(version: string, repositoryUri: string, detail: ImageDetail): ResolvedImage {
  const tags = detail.imageTags ?? [];
  const digest = detail.imageDigest ?? '';
  return {
    version,
    repository: detail.repositoryName ?? repositoryUri,
    digest,
    reference: `${repositoryUri}@${digest}`,
    tags,
    commit: commitFromTags(tags),
    pushedAt: detail.imagePushedAt,
  };
}
