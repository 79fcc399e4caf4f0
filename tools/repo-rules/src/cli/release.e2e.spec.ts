import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGitSandbox, createRepoWithRemote, GitSandbox, runBin } from '../test-support/git-sandbox';

/**
 * The real semantic-release with the repository's release.config.js, through `npm run release`'s
 * entry point, against a local bare remote. One remote progresses through the scenarios in order.
 */
describe('release (real semantic-release, local bare remote)', () => {
  let sandbox: GitSandbox;
  let remote: string;
  let work: string;
  let githubOutput: string;

  beforeAll(() => {
    sandbox = createGitSandbox('release');
    ({ remote, work } = createRepoWithRemote(sandbox));
    githubOutput = join(sandbox.dir, 'github-output');
  });
  afterAll(() => sandbox.cleanup());

  /** Commits, pushes main as a merge to main would, and runs the release as the build pipeline does. */
  function mergeAndRelease(...messages: string[]) {
    for (const message of messages) sandbox.commit(work, message);
    sandbox.git(['push', '--quiet', 'origin', 'main'], work);
    rmSync(githubOutput, { force: true });
    const run = runBin('release', ['--no-ci', '--repository-url', pathToFileURL(remote).href], {
      cwd: work,
      env: { ...sandbox.env, GITHUB_OUTPUT: githubOutput },
    });
    if (run.status !== 0) throw new Error(`release exited ${run.status}\n${run.stdout}\n${run.stderr}`);
    return {
      run,
      result: JSON.parse(readFileSync(join(work, 'tmp/release/result.json'), 'utf8')),
      outputs: readFileSync(githubOutput, 'utf8'),
      head: sandbox.git(['rev-parse', 'HEAD'], work),
      remoteTags: sandbox.git(['ls-remote', '--tags', remote], work),
    };
  }

  it('cuts v1.0.0 as the first release and pushes the tag', () => {
    const { result, outputs, head, remoteTags, run } = mergeAndRelease('feat: first service');
    expect(result).toEqual({ published: true, version: '1.0.0', gitTag: 'v1.0.0', commit: head });
    expect(outputs).toBe(`published=true\nversion=1.0.0\ngitTag=v1.0.0\ncommit=${head}\n`);
    expect(remoteTags).toBe(`${head}\trefs/tags/v1.0.0`);
    expect(run.stdout).toContain(`release: published v1.0.0 at ${head}`);
  });

  it('bumps the patch for a fix', () => {
    const { result, remoteTags, head } = mergeAndRelease('fix: handle an empty body');
    expect(result).toMatchObject({ published: true, version: '1.0.1', gitTag: 'v1.0.1', commit: head });
    expect(remoteTags).toContain(`${head}\trefs/tags/v1.0.1`);
  });

  it('bumps the minor for a feat, whatever else came along', () => {
    const { result } = mergeAndRelease('fix: one more', 'feat(api): add a health check', 'docs: describe it');
    expect(result).toMatchObject({ published: true, version: '1.1.0', gitTag: 'v1.1.0' });
  });

  it('bumps the major for feat!', () => {
    const { result } = mergeAndRelease('feat(api)!: drop the v0 routes');
    expect(result).toMatchObject({ published: true, version: '2.0.0', gitTag: 'v2.0.0' });
  });

  it('bumps the major for a BREAKING CHANGE footer, even on a fix', () => {
    const { result } = mergeAndRelease('fix: rename the port setting\n\nBREAKING CHANGE: PORT is now HTTP_PORT.');
    expect(result).toMatchObject({ published: true, version: '3.0.0', gitTag: 'v3.0.0' });
  });

  it('releases nothing for docs and chore only, and the outputs say so', () => {
    const { result, outputs, head, remoteTags, run } = mergeAndRelease(
      'docs: explain the deploy',
      'chore: tidy scripts',
    );
    expect(result).toEqual({ published: false, version: null, gitTag: null, commit: head });
    expect(outputs).toBe(`published=false\nversion=\ngitTag=\ncommit=${head}\n`);
    expect(remoteTags.split('\n').map((line) => line.split('\t')[1])).toEqual([
      'refs/tags/v1.0.0',
      'refs/tags/v1.0.1',
      'refs/tags/v1.1.0',
      'refs/tags/v2.0.0',
      'refs/tags/v3.0.0',
    ]);
    expect(run.stdout).toContain('release: no version published');
  });

  it('pushes no commit back to main: the remote main is what was merged', () => {
    expect(sandbox.git(['rev-parse', 'main'], remote)).toBe(sandbox.git(['rev-parse', 'HEAD'], work));
    expect(sandbox.git(['status', '--porcelain', '--untracked-files=no'], work)).toBe('');
  });

  it('fails with exit 1 and leaves no result file when it may not push', () => {
    sandbox.commit(work, 'feat: unpushable');
    const run = runBin(
      'release',
      ['--no-ci', '--repository-url', pathToFileURL(join(sandbox.dir, 'missing.git')).href],
      {
        cwd: work,
        env: sandbox.env,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('✖ release failed:');
    expect(existsSync(join(work, 'tmp/release/result.json'))).toBe(false);
  });
});
