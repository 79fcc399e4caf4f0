import { readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator, PLUGIN_NAME } from './init';

describe('init generator', () => {
  let tree: Tree;
  const plugins = () => readNxJson(tree)?.plugins;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  });

  it('registers the plugin in nx.json', async () => {
    await initGenerator(tree);
    expect(plugins()).toEqual([{ plugin: PLUGIN_NAME }]);
  });

  it('registers it once, however often it runs', async () => {
    await initGenerator(tree);
    await initGenerator(tree);
    expect(plugins()).toEqual([{ plugin: PLUGIN_NAME }]);
  });

  it.each([
    ['by name', PLUGIN_NAME],
    ['with options', { plugin: PLUGIN_NAME, include: ['apps/*/deploy.json'] }],
  ])('leaves a registration %s as it is, and every other plugin', async (_, registration) => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['@nx/jest/plugin', registration] });
    await initGenerator(tree);
    expect(plugins()).toEqual(['@nx/jest/plugin', registration]);
  });

  it('adds after the plugins already there', async () => {
    updateNxJson(tree, { ...readNxJson(tree), plugins: [{ plugin: '@nx/docker' }] });
    await initGenerator(tree);
    expect(plugins()).toEqual([{ plugin: '@nx/docker' }, { plugin: PLUGIN_NAME }]);
  });

  it('changes nothing without an nx.json', async () => {
    tree.delete('nx.json');
    await initGenerator(tree);
    expect(tree.exists('nx.json')).toBe(false);
  });
});
