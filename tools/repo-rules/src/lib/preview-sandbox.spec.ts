import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitSandbox, GitSandbox } from '../test-support/git-sandbox';
import { createPreviewSandbox } from './preview-sandbox';

describe('createPreviewSandbox', () => {
  let sandbox: GitSandbox;
  let repo: string;

  beforeAll(() => {
    sandbox = createGitSandbox('preview-sandbox');
    repo = join(sandbox.dir, 'repo');
    sandbox.git(['init', '--quiet', '--initial-branch=main', repo], sandbox.dir);
    sandbox.commit(repo, 'feat: one');
    sandbox.git(['tag', 'v1.0.0'], repo);
    sandbox.git(['checkout', '--quiet', '-b', 'feature/two'], repo);
    sandbox.commit(repo, 'feat: two');
    sandbox.git(['remote', 'add', 'origin', 'https://example.invalid/unreachable.git'], repo);
  });
  afterAll(() => sandbox.cleanup());

  const refsOf = (dir: string) => sandbox.git(['for-each-ref', '--format=%(refname) %(objectname)'], dir);

  it('puts HEAD on main of a throwaway remote, with the local tags, leaving the repository untouched', () => {
    const before = { refs: refsOf(repo), config: sandbox.git(['config', '--list', '--local'], repo) };
    const preview = createPreviewSandbox(repo);
    try {
      const head = sandbox.git(['rev-parse', 'HEAD'], repo);
      expect(preview.head).toBe(head);
      expect(preview.branch).toBe('feature/two');
      expect(preview.dirty).toBe(false);
      expect(preview.remoteUrl).toMatch(/^file:\/\/.*remote\.git$/);
      expect(sandbox.git(['rev-parse', 'HEAD'], preview.workDir)).toBe(head);
      expect(sandbox.git(['symbolic-ref', '--short', 'HEAD'], preview.workDir)).toBe('main');
      expect(
        sandbox.git(['ls-remote', preview.remoteUrl, 'refs/heads/main', 'refs/tags/v1.0.0'], preview.workDir),
      ).toContain('refs/tags/v1.0.0');
      expect(refsOf(repo)).toBe(before.refs);
      expect(sandbox.git(['config', '--list', '--local'], repo)).toBe(before.config);
    } finally {
      preview.dispose();
    }
    expect(existsSync(preview.workDir)).toBe(false);
  });

  it('reports a detached HEAD', () => {
    sandbox.git(['checkout', '--quiet', '--detach', 'v1.0.0'], repo);
    const preview = createPreviewSandbox(repo);
    try {
      expect(preview.branch).toBeNull();
      expect(sandbox.git(['rev-parse', 'HEAD'], preview.workDir)).toBe(
        sandbox.git(['rev-parse', 'v1.0.0^{commit}'], repo),
      );
    } finally {
      preview.dispose();
      sandbox.git(['checkout', '--quiet', 'feature/two'], repo);
    }
  });

  it('refuses a directory outside git', () => {
    const outside = mkdtempSync(join(tmpdir(), 'slipway-not-git-'));
    try {
      expect(() => createPreviewSandbox(outside)).toThrow(
        /git rev-parse --show-toplevel failed: fatal: not a git repository/,
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a repository without commits', () => {
    const empty = join(sandbox.dir, 'empty');
    sandbox.git(['init', '--quiet', empty], sandbox.dir);
    expect(() => createPreviewSandbox(empty)).toThrow(/git rev-parse --verify HEAD\^\{commit\} failed/);
  });
});
