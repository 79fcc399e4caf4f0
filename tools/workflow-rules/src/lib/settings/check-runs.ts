import type { Job, Workflow } from '../model/workflow';

/**
 * The check-run names GitHub gives a workflow's jobs, as branch rules must spell them:
 * the job's `name` (or its id), and for a matrix one check per combination,
 * `<name> (<value>, <value>)`, unless the name itself interpolates the matrix.
 */
export function checkRunNames(workflow: Workflow): string[] {
  return workflow.jobs.flatMap(jobCheckRuns);
}

function jobCheckRuns(job: Job): string[] {
  const base = job.name ?? job.id;
  const combinations = matrixCombinations(job);
  if (combinations.length === 0) return [base];
  return combinations.map((combination) => {
    const interpolated = base.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) =>
      String(combination[key]),
    );
    return interpolated !== base ? interpolated : `${base} (${Object.values(combination).join(', ')})`;
  });
}

/** Cartesian product of the matrix's plain axes (`include`/`exclude` are not used here). */
function matrixCombinations(job: Job): Record<string, unknown>[] {
  const matrix = (job.strategy as { matrix?: unknown } | undefined)?.matrix;
  if (typeof matrix !== 'object' || matrix === null) return [];
  const axes = Object.entries(matrix).filter(
    ([key, values]) => key !== 'include' && key !== 'exclude' && Array.isArray(values),
  ) as [string, unknown[]][];
  return axes.reduce<Record<string, unknown>[]>(
    (combinations, [key, values]) =>
      combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value }))),
    axes.length === 0 ? [] : [{}],
  );
}
