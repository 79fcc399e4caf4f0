import type { Tree } from '@nx/devkit';
import { isSeq, parseDocument } from 'yaml';

export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';
const CHOICES = ['on', 'workflow_dispatch', 'inputs', 'service', 'options'];

/**
 * Adds the service to deploy.yml's service choice, after "all", in name order. GitHub cannot read
 * the choices from the project graph, so this list is the one place a workflow names services;
 * tools/workflow-rules keeps it equal to the graph. Returns false when there is no such list.
 */
export function addDeployChoice(tree: Tree, name: string): boolean {
  const source = tree.read(DEPLOY_WORKFLOW, 'utf-8');
  if (source === null) return false;
  const doc = parseDocument(source);
  const choices = doc.getIn(CHOICES, true);
  if (!isSeq(choices)) return false;
  const names = choices.items.map((item) => String((item as { value?: unknown }).value ?? item));
  if (names.includes(name)) return true;
  const [first, ...services] = names;
  const fixed = first === 'all' ? [first] : [];
  const ordered = [...fixed, ...[...(first === 'all' ? services : names), name].sort()];
  choices.items = ordered.map((choice) => doc.createNode(choice));
  tree.write(DEPLOY_WORKFLOW, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return true;
}
