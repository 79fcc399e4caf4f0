import { appendFile } from 'node:fs/promises';
import type { StatusReport } from '../run/run-status';
import { formatMarkdown, githubOutputs } from './render';
import type { DeployReport } from './report';

/**
 * In GitHub Actions: the markdown summary goes to $GITHUB_STEP_SUMMARY and `exit-code`, `outcome`,
 * `version`, `digest`, `revision` to $GITHUB_OUTPUT, so a workflow sees the distinct exit code even
 * though Nx collapsed the step's own exit code to 1. Outside Actions this does nothing.
 */
export async function publishToGitHub(
  report: DeployReport | StatusReport,
  env: Readonly<Record<string, string | undefined>>,
  append: (path: string, text: string) => Promise<void> = (path, text) => appendFile(path, text, 'utf8'),
): Promise<void> {
  const summaryPath = env['GITHUB_STEP_SUMMARY'];
  if (summaryPath && report.command !== 'deploy-status') await append(summaryPath, formatMarkdown(report));
  const outputPath = env['GITHUB_OUTPUT'];
  if (outputPath) {
    const lines = Object.entries(githubOutputs(report)).map(([key, value]) => `${key}=${value.replace(/\n/g, ' ')}\n`);
    await append(outputPath, lines.join(''));
  }
}
