import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { copyWorkspaceTooling } from '../test-support/workspace-copy';

/** The git hooks as a developer gets them: a real clone, `npm run prepare`, then plain git commands. */
describe('git hooks installed by npm run prepare', () => {
  let sandbox: GitSandbox;
  let remote: string;
  let work: string;

  const run = (command: string, args: readonly string[], cwd = work, env = sandbox.env) =>
    spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    sandbox = createGitSandbox('hooks');
    remote = join(sandbox.dir, 'remote.git');
    work = join(sandbox.dir, 'work');
    sandbox.git(['init', '--quiet', '--bare', '--initial-branch=main', remote], sandbox.dir);
    sandbox.git(['clone', '--quiet', remote, work], sandbox.dir);
    copyWorkspaceTooling(work);
    writeFileSync(join(work, '.gitignore'), 'node_modules\n');
    const prepare = run('npm', ['run', '--silent', 'prepare']);
    expect(prepare.status).toBe(0);
    sandbox.git(['add', '.'], work);
  });
  afterAll(() => sandbox.cleanup());

  it('points git at the husky hooks', () => {
    expect(sandbox.git(['config', 'core.hooksPath'], work)).toBe('.husky/_');
  });

  it('refuses a non-conventional commit message with commitlint’s explanation', () => {
    const result = run('git', ['commit', '--quiet', '-m', 'Added the tooling']);
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toContain('subject may not be empty [subject-empty]');
    expect(output).toContain('type may not be empty [type-empty]');
    expect(output).toContain('Get help: CONTRIBUTING.md#commit-messages');
    expect(output).toContain('husky - commit-msg script failed');
    expect(() => sandbox.git(['rev-parse', '--verify', '--quiet', 'HEAD'], work)).toThrow();
  });

  it('accepts a conventional commit message', () => {
    const result = run('git', ['commit', '--quiet', '-m', 'feat: add x']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(sandbox.git(['log', '-1', '--format=%s'], work)).toBe('feat: add x');
  });

  it('skips the hooks with HUSKY=0, as CI does', () => {
    const result = run('git', ['commit', '--quiet', '--allow-empty', '-m', 'not conventional'], work, {
      ...sandbox.env,
      HUSKY: '0',
    });
    expect(result.status).toBe(0);
    sandbox.git(['reset', '--quiet', '--hard', 'HEAD~1'], work);
  });

  it('refuses to push a badly named branch and says how to fix it', () => {
    sandbox.git(['checkout', '--quiet', '-b', 'Fix_Login'], work);
    const result = run('git', ['push', '--quiet', 'origin', 'Fix_Login']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Branch name "Fix_Login" is refused');
    expect(result.stderr).toContain('Rename it: git branch -m "Fix_Login" bugfix/login');
    expect(sandbox.git(['ls-remote', '--heads', remote], work)).toBe('');
  });

  it('pushes a well named branch and main', () => {
    sandbox.git(['branch', '-m', 'Fix_Login', 'bugfix/login'], work);
    const result = run('git', ['push', '--quiet', 'origin', 'bugfix/login', 'bugfix/login:main']);
    expect(result.status).toBe(0);
    expect(sandbox.git(['ls-remote', '--heads', remote], work)).toMatch(
      /refs\/heads\/bugfix\/login\n.*refs\/heads\/main$/,
    );
  });
});

describe('npm run prepare where hooks cannot or must not be installed', () => {
  let sandbox: GitSandbox;
  beforeAll(() => {
    sandbox = createGitSandbox('prepare');
  });
  afterAll(() => sandbox.cleanup());

  const prepare = (dir: string, env: NodeJS.ProcessEnv) =>
    spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });

  it('succeeds without .git, as in a Docker build context', () => {
    const dir = join(sandbox.dir, 'docker-context');
    mkdirSync(dir);
    copyWorkspaceTooling(dir);
    const result = prepare(dir, sandbox.env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(".git can't be found");
  });

  it('succeeds and installs nothing with HUSKY=0', () => {
    const dir = join(sandbox.dir, 'ci');
    sandbox.git(['init', '--quiet', dir], sandbox.dir);
    copyWorkspaceTooling(dir);
    const result = prepare(dir, { ...sandbox.env, HUSKY: '0' });
    expect(result.status).toBe(0);
    expect(() => execFileSync('git', ['config', 'core.hooksPath'], { cwd: dir, env: sandbox.env })).toThrow();
  });

  it('succeeds when husky is not installed (npm ci --omit=dev)', () => {
    const dir = join(sandbox.dir, 'production');
    mkdirSync(dir);
    execFileSync('cp', [join(__dirname, '../../../../package.json'), dir]);
    expect(prepare(dir, sandbox.env).status).toBe(0);
  });
});
