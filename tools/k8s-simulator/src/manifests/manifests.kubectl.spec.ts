import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, describeWithKubectl, kubectlBinary, runCommand } from '@slipway/testing';
import { kubernetesTargets, MANIFESTS_ROOT, manifestsOf, servicesWithManifests } from './service-manifests';

const SERVICES = servicesWithManifests();
const DIGEST = `sha256:${'a'.repeat(64)}`;

/**
 * A real kubectl (1.35) reads each service's manifests offline (`--local`: no cluster). `set image`
 * decodes the Deployment into kubectl's own types (a field of the wrong type fails) and finds the
 * container by name: the change Slipway's deploy makes, with the names of the service's deploy.json.
 */
describeWithKubectl("kubectl reads every service's manifests", () => {
  let binary: string;
  let home: string;
  const kubectl = (...args: string[]): Promise<CommandResult> =>
    runCommand(binary, ['--cache-dir', join(home, 'cache'), ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home },
      timeoutMs: 60_000,
    });
  const ok = async (...args: string[]): Promise<string> => {
    const result = await kubectl(...args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
    return result.stdout;
  };
  const deploymentFile = (service: string) => manifestsOf(service).find((m) => m.manifest.kind === 'Deployment')!.file;

  beforeAll(async () => {
    binary = await kubectlBinary();
    home = await mkdtemp(join(tmpdir(), 'kubectl-manifests-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it.each(SERVICES)('%s: the objects kubectl reads from the folder', async (service) => {
    const names = await ok(
      'label',
      '--local',
      '-f',
      join(MANIFESTS_ROOT, service),
      'slipway.dev/checked=yes',
      '-o',
      'name',
    );
    const { deployment } = kubernetesTargets(service)[0];
    expect(names.trim().split('\n').sort()).toEqual([
      `deployment.apps/${deployment}`,
      `poddisruptionbudget.policy/${deployment}`,
      `service/${deployment}`,
    ]);
  });

  it.each(SERVICES)(
    '%s: kubectl sets the image of the container deploy.json names, pinned by digest',
    async (service) => {
      for (const { container, repository } of kubernetesTargets(service)) {
        const image = `${repository}@${DIGEST}`;
        const out = JSON.parse(
          await ok('set', 'image', '--local', '-f', deploymentFile(service), `${container}=${image}`, '-o', 'json'),
        ) as { spec: { template: { spec: { containers: { name: string; image: string }[] } } } };
        expect(out.spec.template.spec.containers.find((c) => c.name === container)?.image).toBe(image);
      }
    },
  );

  it('the check can fail: kubectl refuses a container the Deployment lacks, and a field of the wrong type', async () => {
    const file = deploymentFile(SERVICES[0]);
    const missing = await kubectl('set', 'image', '--local', '-f', file, `not-there=r@${DIGEST}`, '-o', 'name');
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining('unable to find container named "not-there"'),
    ]);
    const mistyped = join(home, 'deployment.yaml');
    await writeFile(mistyped, (await readFile(file, 'utf8')).replace(/^( *replicas:) \d+$/m, '$1 two'));
    const { container } = kubernetesTargets(SERVICES[0])[0];
    const decoded = await kubectl('set', 'image', '--local', '-f', mistyped, `${container}=r@${DIGEST}`, '-o', 'name');
    expect([decoded.code, decoded.stderr]).toEqual([
      1,
      expect.stringContaining(
        'cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      ),
    ]);
  });
});
