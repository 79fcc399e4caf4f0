import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addDeployChoice, DEPLOY_WORKFLOW } from './deploy-workflow';

const workflow = (options: string) => `# deploy
on:
  workflow_dispatch:
    inputs:
      service:
        type: choice
        # kept equal to the graph
        options: ${options}
jobs: {}
`;

describe('addDeployChoice', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  });

  it('adds the service in name order after "all", keeping the comments', () => {
    tree.write(DEPLOY_WORKFLOW, workflow('[all, api, web]'));
    expect(addDeployChoice(tree, 'billing')).toBe(true);
    expect(tree.read(DEPLOY_WORKFLOW, 'utf-8')).toBe(workflow('[all, api, billing, web]'));
  });

  it('sorts a list without "all" as a whole', () => {
    tree.write(DEPLOY_WORKFLOW, workflow('[web]'));
    addDeployChoice(tree, 'api');
    expect(tree.read(DEPLOY_WORKFLOW, 'utf-8')).toBe(workflow('[api, web]'));
  });

  it('changes nothing when the service is listed already', () => {
    tree.write(DEPLOY_WORKFLOW, workflow('[all, api]'));
    expect(addDeployChoice(tree, 'api')).toBe(true);
    expect(tree.read(DEPLOY_WORKFLOW, 'utf-8')).toBe(workflow('[all, api]'));
  });

  it('reports false without deploy.yml, or without a service choice in it', () => {
    expect(addDeployChoice(tree, 'api')).toBe(false);
    tree.write(DEPLOY_WORKFLOW, 'on:\n  workflow_dispatch:\n    inputs: {}\n');
    expect(addDeployChoice(tree, 'api')).toBe(false);
    expect(tree.read(DEPLOY_WORKFLOW, 'utf-8')).toBe('on:\n  workflow_dispatch:\n    inputs: {}\n');
  });
});
