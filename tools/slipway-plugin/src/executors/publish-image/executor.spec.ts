import type { ExecutorContext } from '@nx/devkit';
import publishImageExecutor from './executor';

function contextFor(options: Record<string, unknown>): ExecutorContext {
  return {
    root: process.cwd(),
    cwd: process.cwd(),
    isVerbose: false,
    projectName: 'api',
    targetName: 'publish-image',
    projectsConfigurations: {
      version: 2,
      projects: { api: { root: 'apps/api', targets: { 'publish-image': { options } } } },
    },
  } as unknown as ExecutorContext;
}

describe('publish-image executor', () => {
  let stderr: jest.SpyInstance;
  const env = { ...process.env };

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...env };
  });

  it('fails with the distinct exit code and a message naming the fix', async () => {
    process.env.IMAGE_REGISTRY = '127.0.0.1:9';
    const configured = { image: 'api', repository: 'slipway/api' };
    await expect(publishImageExecutor({ ...configured, version: 'latest' }, contextFor(configured))).resolves.toEqual({
      success: false,
      exitCode: 2,
    });
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('"latest" is a moving tag'));
  });

  it('lets the environment name the repository unless a flag does', async () => {
    process.env.IMAGE_REGISTRY = '127.0.0.1:9';
    process.env.IMAGE_REPOSITORY = 'Not Valid';
    const configured = { image: 'api', repository: 'slipway/api' };
    await expect(publishImageExecutor({ ...configured }, contextFor(configured))).resolves.toEqual({
      success: false,
      exitCode: 2,
    });
    expect(stderr).toHaveBeenCalledWith(
      expect.stringContaining('repository "Not Valid" is not a valid OCI repository name'),
    );
    stderr.mockClear();
    // a flag wins: the registry at 127.0.0.1:9 is then tried and cannot be reached
    await expect(
      publishImageExecutor({ ...configured, repository: 'flag/api' }, contextFor(configured)),
    ).resolves.toEqual({ success: false, exitCode: 4 });
    expect(stderr).toHaveBeenCalledWith(
      expect.stringContaining('cannot reach the registry at http://127.0.0.1:9/v2/flag/api/manifests/'),
    );
  });
});
