import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatFinding } from '../finding';
import type { CommandRunner } from '../linters/shellcheck';
import { WORKSPACE_ROOT } from '../../test-support/real-workflows';
import { checkRepository } from './check-repository';

const noShellcheck: CommandRunner = () => ({
  status: null,
  stdout: '',
  stderr: '',
  error: new Error('spawnSync shellcheck ENOENT'),
});

describe('checkRepository over the real workspace', () => {
  it('finds nothing: hardening rules, contracts, actionlint, shellcheck (when installed), scripts and settings', async () => {
    const result = await checkRepository(WORKSPACE_ROOT);
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.workflows).toEqual([
      '.github/workflows/build.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yml',
    ]);
    // It reads the project graph (nx show projects) for the services: seconds, more on a busy machine.
  }, 120_000);
});

describe('checkRepository over a broken copy', () => {
  // The copy is not a workspace: its one deployable service is given, not read from the graph.
  const services = ['api'];
  let root: string;
  const copy = (file: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(WORKSPACE_ROOT, file), join(root, file), { recursive: true });
  };
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(root, file), change(readFileSync(join(root, file), 'utf8')));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'workflow-rules-'));
    for (const file of ['.github', 'package.json', 'apps/api/deploy.json']) copy(file);
    edit('.github/workflows/deploy.yml', (text) => text.replace(/options: \[all, [^\]]*\]/, 'options: [all, api]'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports a later edit that breaks a rule, with file, line and rule', async () => {
    edit('.github/workflows/ci.yml', (text) =>
      text.replace('run: npm run lint:workflows', 'run: npm run lint:workflows -- "${{ github.head_ref }}"'),
    );
    const { findings } = await checkRepository(root, { runCommand: noShellcheck, services });
    expect(findings.map((f) => `${f.file} ${f.rule}`)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml no-expressions-in-run',
        '.github/workflows/ci.yml actionlint:expression',
      ]),
    );
  });

  it('reports a missing spec workflow, an unknown npm script and a drifted ruleset', async () => {
    rmSync(join(root, '.github/workflows/deploy.yml'));
    edit('.github/workflows/ci.yml', (text) => text.replace('  workflow-lint:', '  lint-workflows:'));
    edit('package.json', (text) => text.replace('"audit:prod"', '"audit-prod"'));
    const messages = (await checkRepository(root, { runCommand: noShellcheck, services })).findings.map(
      (f) => f.message,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        "the spec's deploy.yml is missing",
        '"npm run audit:prod": package.json has no script "audit:prod"',
        'required check "workflow-lint" is not a job of .github/workflows/ci.yml (its check runs: branch-name, commitlint, affected, audit, codeql (javascript-typescript), codeql (actions), dependency-review, secret-scan, lint-workflows)',
      ]),
    );
  });

  it('reports a workflow that names a service, and a service choice that drifted from the graph', async () => {
    edit('.github/workflows/build.yml', (text) => text.replace('image-ref: ${{ matrix.service }}', 'image-ref: api'));
    const findings = (await checkRepository(root, { runCommand: noShellcheck, services: ['api', 'jobs'] })).findings;
    expect(findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      '.github/workflows/build.yml contract:build',
      '.github/workflows/build.yml no-service-names',
      '.github/workflows/deploy.yml service-choices',
    ]);
    expect(findings[2].message).toContain('"options: [all, api, jobs]"');
  });

  it('reports a missing shellcheck only where it is required', async () => {
    expect((await checkRepository(root, { runCommand: noShellcheck, services })).findings).toEqual([]);
    const required = await checkRepository(root, { runCommand: noShellcheck, requireShellcheck: true, services });
    expect(required.findings.map((f) => f.message)).toEqual([
      'shellcheck is not installed (spawnSync shellcheck ENOENT); it is required here',
    ]);
  });

  it('names the settings file it cannot read', async () => {
    rmSync(join(root, '.github/rulesets/main.json'));
    await expect(checkRepository(root, { runCommand: noShellcheck, services })).rejects.toThrow(
      /^cannot read \.github\/rulesets\/main\.json/,
    );
  });
});
