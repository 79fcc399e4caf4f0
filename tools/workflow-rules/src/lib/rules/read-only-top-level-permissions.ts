import { type Finding, finding, workflowPlace } from '../finding';
import type { Workflow } from '../model/workflow';

export const READ_ONLY_TOP_LEVEL_PERMISSIONS = 'read-only-top-level-permissions';

/**
 * The workflow-level token is empty or read-only; jobs raise it for themselves. Without a
 * top-level block every job silently gets the repository's default, which may be read-write.
 */
export function readOnlyTopLevelPermissions(workflow: Workflow): Finding[] {
  const { permissions } = workflow;
  const report = (message: string) => [
    finding(READ_ONLY_TOP_LEVEL_PERMISSIONS, workflow, workflowPlace(workflow, 'permissions'), message),
  ];
  if (permissions === undefined) {
    return report('no top-level "permissions": set "permissions: {}" and grant each job what it needs');
  }
  if (permissions === 'write-all') {
    return report('top-level "permissions" grants write-all: set "permissions: {}" and grant per job');
  }
  if (permissions === 'read-all') return [];
  const writes = Object.entries(permissions).filter(([, level]) => level !== 'read' && level !== 'none');
  return writes.map(([scope, level]) =>
    finding(
      READ_ONLY_TOP_LEVEL_PERMISSIONS,
      workflow,
      workflowPlace(workflow, 'permissions'),
      `top-level "permissions" grants ${scope}: ${level}: move it to the one job that needs it`,
    ),
  );
}
