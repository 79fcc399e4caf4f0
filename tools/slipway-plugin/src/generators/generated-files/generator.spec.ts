import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { GENERATED_FILES } from './files';
import generatedFilesGenerator from './generator';

describe('the generated-files sync generator', () => {
  it('writes every generated file and region, and says which were out of date', async () => {
    // Prettier cannot load inside Jest, so formatFiles only warns here; `npx nx sync` formats.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tree = createTreeWithEmptyWorkspace();
    for (const file of GENERATED_FILES)
      tree.write(file.path, '<!-- exit-codes:start -->\n * exit-codes:start\nstale\n<!-- exit-codes:end -->\n');
    const result = await generatedFilesGenerator(tree);
    expect(result.outOfSyncMessage).toContain('tools/slipway-plugin/src/executors/deploy/schema.json');
    expect(result.outOfSyncMessage).toContain('README.md');
    expect(JSON.parse(tree.read('tools/slipway-plugin/src/executors/rollback/schema.json', 'utf-8')!)).toMatchObject({
      title: 'Slipway rollback',
      required: ['config'],
    });
    expect(tree.read('README.md', 'utf-8')).toContain('Exit codes of deploy and rollback: 0 deployed');
    expect(tree.read('README.md', 'utf-8')).not.toContain('stale');
  });
});
