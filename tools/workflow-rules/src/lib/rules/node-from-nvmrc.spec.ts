import { inline } from '../../test-support/fixtures';
import { nodeFromNvmrc } from './node-from-nvmrc';

const SETUP = `actions/setup-node@${'0'.repeat(40)} # v7.0.0`;

describe('nodeFromNvmrc', () => {
  it('accepts setup-node from .nvmrc before node, and jobs that never run node', () => {
    const workflow = inline(
      `on: push\njobs:\n  a:\n    steps:\n      - uses: ${SETUP}\n        with:\n          node-version-file: .nvmrc\n      - run: node -e "1"\n  b:\n    steps:\n      - run: echo no node here\n`,
    );
    expect(nodeFromNvmrc(workflow)).toEqual([]);
  });

  it.each([
    ['        with:\n          node-version-file: .nvmrc\n          node-version: 24'],
    ['        with:\n          node-version-file: .node-version'],
    [''],
  ])('refuses setup-node configured with %p', (block) => {
    const workflow = inline(`on: push\njobs:\n  a:\n    steps:\n      - uses: ${SETUP}\n${block}\n`);
    expect(nodeFromNvmrc(workflow).map((f) => f.message)).toEqual([
      'actions/setup-node must take "node-version-file: .nvmrc" and no "node-version"',
    ]);
  });

  it('refuses node tools in a job without setup-node', () => {
    const workflow = inline('on: push\njobs:\n  a:\n    steps:\n      - run: echo hi\n      - run: npx nx build\n');
    const [f] = nodeFromNvmrc(workflow);
    expect(f.path).toBe('jobs.a.steps[1]');
  });
});
