import { inline } from '../../test-support/fixtures';
import { noLatestTag } from './no-latest-tag';

const run = (script: string) => inline(`on: push\njobs:\n  a:\n    steps:\n      - run: ${JSON.stringify(script)}\n`);

describe('noLatestTag', () => {
  it.each([
    'docker push repo:latest',
    'npx some-tool@latest',
    'docker build --tag latest .',
    'echo "flavor: latest=auto"',
  ])('refuses %p', (script) => {
    expect(noLatestTag(run(script))).toHaveLength(1);
  });

  it.each([
    'echo "deploy the latest release"',
    'docker push "repo:sha-$GITHUB_SHA"',
    'docker push repo:latest-but-not-really',
  ])('accepts %p', (script) => {
    expect(noLatestTag(run(script))).toEqual([]);
  });
});
