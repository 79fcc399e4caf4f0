import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEPLOY_TARGET, nxProjectsWithTarget } from '@slipway/repo-rules';
import { CONTRACTS, checkContract } from '../contracts';
import type { Finding } from '../finding';
import { createActionlint } from '../linters/actionlint';
import { type CommandRunner, type ShellcheckOutcome, runCommand, shellcheckWorkflows } from '../linters/shellcheck';
import { type WorkflowFile, loadWorkflowFiles } from '../model/load-workflows';
import { checkHardening } from '../rules';
import { type EnvironmentSettings, checkEnvironments } from '../settings/environments';
import { checkRuleset } from '../settings/ruleset';
import { checkAuditScript, checkNpmScripts } from './npm-scripts';
import { checkNoServiceNames, checkServiceChoices } from './services';

export interface RepositoryCheck {
  readonly workflows: readonly string[];
  readonly findings: readonly Finding[];
  readonly shellcheck: ShellcheckOutcome;
}

export interface RepositoryCheckOptions {
  readonly runCommand?: CommandRunner;
  /** When true (CI sets it), a missing shellcheck is a finding rather than a notice. */
  readonly requireShellcheck?: boolean;
  /** The deployable services; default: the project graph's projects with a deploy target (runs nx). */
  readonly services?: readonly string[];
}

export const RULESET_FILE = '.github/rulesets/main.json';

/** Everything `npm run lint:workflows` checks, over the workspace at `root`. */
export async function checkRepository(root: string, options: RepositoryCheckOptions = {}): Promise<RepositoryCheck> {
  const files = loadWorkflowFiles(root);
  const workflows = files.map((f) => f.workflow);
  const actionlint = await createActionlint();
  const scripts = readJson<{ scripts?: Record<string, string> }>(root, 'package.json').scripts ?? {};
  const shellcheck = shellcheckWorkflows(workflows, options.runCommand ?? runCommand);
  const services = options.services ?? (await nxProjectsWithTarget(root, process.env)(DEPLOY_TARGET));

  const findings: Finding[] = [
    ...files.flatMap(({ file, source, workflow }) => [
      ...checkHardening(workflow),
      ...checkContract(basename(file), workflow),
      ...checkNoServiceNames(workflow, services),
      ...actionlint(source, file),
    ]),
    ...missingWorkflows(files),
    ...checkNpmScripts(workflows, scripts),
    ...checkAuditScript(scripts),
    ...settingsFindings(root, files, services),
    ...(shellcheck.available ? shellcheck.findings : []),
  ];
  if (!shellcheck.available && options.requireShellcheck) {
    findings.push({
      rule: 'shellcheck',
      file: '.github/workflows',
      line: 1,
      path: '(run scripts)',
      message: `${shellcheck.reason}; it is required here`,
    });
  }
  return { workflows: files.map((f) => f.file), findings, shellcheck };
}

function missingWorkflows(files: readonly WorkflowFile[]): Finding[] {
  const present = new Set(files.map((f) => basename(f.file)));
  return Object.keys(CONTRACTS)
    .filter((name) => !present.has(name))
    .map((name) => ({
      rule: 'contract',
      file: `.github/workflows/${name}`,
      line: 1,
      path: '(file)',
      message: `the spec's ${name} is missing`,
    }));
}

function settingsFindings(root: string, files: readonly WorkflowFile[], services: readonly string[]): Finding[] {
  const byName = new Map(files.map((f) => [basename(f.file), f.workflow]));
  const ci = byName.get('ci.yml');
  const deploy = byName.get('deploy.yml');
  const findings: Finding[] = [];
  if (ci) findings.push(...checkRuleset(readJson(root, RULESET_FILE), RULESET_FILE, ci));
  if (deploy) {
    const options = (
      (deploy.on['workflow_dispatch'] as { inputs?: { environment?: { options?: unknown[] } } } | null)?.inputs
        ?.environment?.options ?? []
    ).map(String);
    findings.push(
      ...checkEnvironments(options, readEnvironmentSettings(root), readDeployEnvironments(root)),
      ...checkServiceChoices(deploy, services),
    );
  }
  return findings;
}

/** Each deploy config (apps/<app>/deploy.json, what the Slipway plugin keys on) → its environment names. */
function readDeployEnvironments(root: string): Record<string, string[]> {
  const apps = join(root, 'apps');
  if (!existsSync(apps)) return {};
  return Object.fromEntries(
    readdirSync(apps)
      .map((app) => `apps/${app}/deploy.json`)
      .filter((file) => existsSync(join(root, file)))
      .map((file) => [file, Object.keys(readJson<{ environments?: object }>(root, file).environments ?? {})]),
  );
}

function readEnvironmentSettings(root: string): Record<string, EnvironmentSettings> {
  const dir = join(root, '.github', 'environments');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [
        name.replace(/\.json$/, ''),
        readJson<EnvironmentSettings>(root, `.github/environments/${name}`),
      ]),
  );
}

function readJson<T>(root: string, file: string): T {
  try {
    return JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}
