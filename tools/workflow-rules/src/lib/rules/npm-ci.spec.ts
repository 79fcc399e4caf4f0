import { inline } from '../../test-support/fixtures';
import { npmCi } from './npm-ci';

const steps = (...runs: string[]) =>
  inline(`on: push\njobs:\n  a:\n    steps:\n${runs.map((r) => `      - run: ${r}`).join('\n')}\n`);

describe('npmCi', () => {
  it.each([
    [['npm ci', 'npx nx affected -t test']],
    [['npm clean-install --no-audit', 'npx semantic-release']],
    [['npm ci && npx nx run api:build']],
    [['npm run audit:prod', 'npm audit signatures']],
  ])('accepts %p', (runs) => {
    expect(npmCi(steps(...runs))).toEqual([]);
  });

  it.each([
    [['npm install'], /"npm install" ignores the lockfile/],
    [['npm i'], /"npm i" ignores the lockfile/],
    [['npm update'], /"npm update" ignores the lockfile/],
    [['pnpm install'], /"pnpm install" ignores the lockfile/],
    [['yarn --frozen-lockfile'], /"yarn --frozen-lockfile" ignores the lockfile/],
    [['npx nx affected -t test'], /runs npx before any "npm ci"/],
    [['npx nx affected -t test', 'npm ci'], /runs npx before any "npm ci"/],
  ])('refuses %p', (runs, message) => {
    const findings = npmCi(steps(...runs));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
  });
});
