import { inline } from '../../test-support/fixtures';
import { nxVersionAfterSeparator } from './nx-version-after-separator';

const run = (script: string) =>
  inline(
    `on: push\njobs:\n  a:\n    steps:\n      - run: |\n${script
      .split('\n')
      .map((l) => `          ${l}`)
      .join('\n')}\n`,
  );

describe('nxVersionAfterSeparator', () => {
  it.each([
    'npx nx run api:deploy -- --version "$VERSION" --environment "$ENVIRONMENT"',
    'npx nx run api:rollback -- --environment production --version=v1.2.0',
    'npx nx run api:publish-image -- --commit "$GITHUB_SHA" --version "$VERSION"',
    'npx nx affected -t lint test build',
    'node --version',
    'npx semantic-release --version',
  ])('accepts %p', (script) => {
    expect(nxVersionAfterSeparator(run(script))).toEqual([]);
  });

  it.each([
    'npx nx run api:deploy --version "$VERSION"',
    'nx run api:deploy --version=v1.2.0 -- --environment production',
    'npx nx deploy api --version v1.2.0',
    'npx nx run api:deploy \\\n  --environment production \\\n  --version "$VERSION"',
    'echo deploying && npx nx run api:rollback "--version" v1.0.0',
  ])('refuses %p', (script) => {
    const findings = nxVersionAfterSeparator(run(script));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/passes --version to Nx itself .* put it after " -- "/);
  });
});
