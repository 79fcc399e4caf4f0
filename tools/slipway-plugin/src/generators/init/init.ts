import { formatFiles, logger, readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = '@slipway/nx-plugin';

/**
 * Registers the plugin in nx.json, once (string or object form both count). `nx add` runs a
 * generator named init; the service generator runs it too. Nothing to install: the plugin is local.
 */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<void> {
  const nxJson = readNxJson(tree);
  if (!nxJson) {
    logger.warn(`nx.json not found: ${PLUGIN_NAME} is not registered`);
    return;
  }
  const plugins = nxJson.plugins ?? [];
  if (plugins.some((plugin) => (typeof plugin === 'string' ? plugin : plugin.plugin) === PLUGIN_NAME)) return;
  updateNxJson(tree, { ...nxJson, plugins: [...plugins, { plugin: PLUGIN_NAME }] });
  if (!options.skipFormat) await formatFiles(tree);
}

export default initGenerator;
