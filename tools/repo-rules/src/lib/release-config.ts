import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { PluginSpec, ReleaseConfig } from './semantic-release-types';

/** The repository's one release configuration, found relative to this tool rather than the cwd. */
export const RELEASE_CONFIG_PATH = resolve(__dirname, '../../../../release.config.js');

export function loadReleaseConfig(path: string = RELEASE_CONFIG_PATH): ReleaseConfig {
  const config = createRequire(__filename)(path) as ReleaseConfig;
  if (!Array.isArray(config.plugins) || typeof config.tagFormat !== 'string') {
    throw new Error(`${path} is not a semantic-release config (plugins and tagFormat are required)`);
  }
  return config;
}

export function pluginName(plugin: PluginSpec): string {
  return typeof plugin === 'string' ? plugin : plugin[0];
}

export function pluginOptions(plugins: readonly PluginSpec[], name: string): Record<string, unknown> | undefined {
  const plugin = plugins.find((candidate) => pluginName(candidate) === name);
  if (plugin === undefined) return undefined;
  return typeof plugin === 'string' ? {} : plugin[1];
}

/** Plugins that talk to a forge (GitHub) need a token and a real remote; a local preview has neither. */
export function withoutForgePlugins(plugins: readonly PluginSpec[]): PluginSpec[] {
  return plugins.filter((plugin) => pluginName(plugin) !== '@semantic-release/github');
}
