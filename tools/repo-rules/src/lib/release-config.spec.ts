import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadReleaseConfig,
  pluginName,
  pluginOptions,
  RELEASE_CONFIG_PATH,
  withoutForgePlugins,
} from './release-config';

function loadFresh(githubActions: string | undefined) {
  const saved = process.env['GITHUB_ACTIONS'];
  if (githubActions === undefined) delete process.env['GITHUB_ACTIONS'];
  else process.env['GITHUB_ACTIONS'] = githubActions;
  try {
    let config;
    jest.isolateModules(() => {
      config = loadReleaseConfig();
    });
    return config as unknown as ReturnType<typeof loadReleaseConfig>;
  } finally {
    if (saved === undefined) delete process.env['GITHUB_ACTIONS'];
    else process.env['GITHUB_ACTIONS'] = saved;
  }
}

describe('release.config.js', () => {
  it('is the workspace root config', () => {
    expect(RELEASE_CONFIG_PATH).toMatch(/[\\/]release\.config\.js$/);
  });

  it('releases vX.Y.Z from main with the conventionalcommits preset and no npm publish', () => {
    const config = loadFresh(undefined);
    expect(config.branches).toEqual(['main']);
    expect(config.tagFormat).toBe('v${version}');
    expect(config.plugins.map(pluginName)).toEqual([
      '@semantic-release/commit-analyzer',
      '@semantic-release/release-notes-generator',
    ]);
    expect(pluginOptions(config.plugins, '@semantic-release/commit-analyzer')).toEqual({
      preset: 'conventionalcommits',
    });
    expect(pluginOptions(config.plugins, '@semantic-release/release-notes-generator')).toEqual({
      preset: 'conventionalcommits',
    });
  });

  it('adds the GitHub release plugin only inside GitHub Actions', () => {
    const config = loadFresh('true');
    expect(config.plugins.map(pluginName)).toEqual([
      '@semantic-release/commit-analyzer',
      '@semantic-release/release-notes-generator',
      '@semantic-release/github',
    ]);
    expect(config.plugins.map(pluginName)).not.toContain('@semantic-release/git');
    expect(config.plugins.map(pluginName)).not.toContain('@semantic-release/npm');
    expect(withoutForgePlugins(config.plugins).map(pluginName)).not.toContain('@semantic-release/github');
  });

  it('refuses a file that is not a semantic-release config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-release-config-'));
    try {
      const path = join(dir, 'release.config.js');
      writeFileSync(path, 'module.exports = { branches: ["main"] };');
      expect(() => loadReleaseConfig(path)).toThrow(`${path} is not a semantic-release config`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pluginOptions', () => {
  it('gives {} for a plugin named without options and undefined for an absent one', () => {
    expect(pluginOptions(['@semantic-release/github'], '@semantic-release/github')).toEqual({});
    expect(pluginOptions([], '@semantic-release/github')).toBeUndefined();
  });
});
