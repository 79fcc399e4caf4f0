import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReleaseOutcome } from './release-outcome';
import { clearReleaseResult, githubOutputLines, writeReleaseOutputs } from './release-outputs';

const SHA = 'c'.repeat(40);
const published: ReleaseOutcome = { published: true, version: '1.4.0', gitTag: 'v1.4.0', commit: SHA };
const nothing: ReleaseOutcome = { published: false, version: null, gitTag: null, commit: SHA };

describe('githubOutputLines', () => {
  it('writes one key=value line per output', () => {
    expect(githubOutputLines(published)).toBe(`published=true\nversion=1.4.0\ngitTag=v1.4.0\ncommit=${SHA}\n`);
  });

  it('leaves the version empty when nothing was published', () => {
    expect(githubOutputLines(nothing)).toBe(`published=false\nversion=\ngitTag=\ncommit=${SHA}\n`);
  });

  it('refuses a value that would inject another output', () => {
    expect(() => githubOutputLines({ ...published, version: '1.4.0\npublished=false' })).toThrow(
      'output version contains a line break',
    );
  });
});

describe('writeReleaseOutputs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-release-outputs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the result file, creating its directory, and appends to GITHUB_OUTPUT', () => {
    const resultFile = join(dir, 'tmp/release/result.json');
    const githubOutput = join(dir, 'github-output');
    writeFileSync(githubOutput, 'earlier=step\n');
    writeReleaseOutputs(published, { resultFile, githubOutput });
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual(published);
    expect(readFileSync(githubOutput, 'utf8')).toBe(`earlier=step\n${githubOutputLines(published)}`);
  });

  it('writes the result file alone outside GitHub Actions, also when nothing was published', () => {
    const resultFile = join(dir, 'result.json');
    writeReleaseOutputs(nothing, { resultFile, githubOutput: undefined });
    expect(JSON.parse(readFileSync(resultFile, 'utf8'))).toEqual({
      published: false,
      version: null,
      gitTag: null,
      commit: SHA,
    });
  });

  it('clears a stale result, and tolerates none', () => {
    const resultFile = join(dir, 'result.json');
    writeFileSync(resultFile, '{}');
    clearReleaseResult(resultFile);
    expect(existsSync(resultFile)).toBe(false);
    expect(() => clearReleaseResult(resultFile)).not.toThrow();
  });
});
