import type { Finding } from '../finding';
import type { Job, Workflow } from '../model/workflow';
import { ContractReport } from './contract';
import {
  checksOutFullHistory,
  firstStepIndex,
  jobsRunning,
  neverCancels,
  runs,
  stepsRunning,
  usesAction,
} from './queries';

export const BUILD_CONTRACT = 'contract:build';

const RELEASE = /\bnpm run release(?![\w:-])/;
/** Job outputs and the release step outputs they carry (tools/repo-rules writes published, version, gitTag). */
const RELEASE_OUTPUTS: Readonly<Record<string, string>> = { published: 'published', version: 'gitTag' };
const PUBLISH = /\bnx run api:publish-image\b/;
const PUBLISHED_TRUE = /needs\.release\.outputs\.published\s*==\s*'true'/;
const PUBLISHED_NOT_TRUE = /needs\.release\.outputs\.published\s*!=\s*'true'/;

/**
 * build.yml, on push to main: job 1 runs semantic-release and exposes published/version;
 * job 2 builds the image once, scans it, pushes sha-<commit> and promotes vX.Y.Z only when
 * a version was released, with ECR reached through OIDC. No caches in a publishing workflow.
 */
export function buildContract(workflow: Workflow): Finding[] {
  const report = new ContractReport(BUILD_CONTRACT, workflow);
  const triggers = Object.keys(workflow.on);
  const push = workflow.on['push'] as { branches?: unknown } | undefined;
  report.expectWorkflow(
    triggers.length === 1 && JSON.stringify(push?.branches) === '["main"]',
    'on',
    'runs only on pushes to main ("on: push: branches: [main]")',
  );
  report.expectWorkflow(
    neverCancels(workflow.concurrency),
    'concurrency',
    'releases are serialised and never cancelled ("cancel-in-progress: false")',
  );

  const release = report.requireJob(jobsRunning(workflow, RELEASE), 'runs semantic-release through "npm run release"');
  if (release) checkRelease(report, release);
  const image = report.requireJob(
    jobsRunning(workflow, /\bnx run api:docker:build\b/),
    'builds the image with "nx run api:docker:build"',
  );
  if (image && release) checkImage(report, image, release);

  for (const job of workflow.jobs) {
    const cached = job.steps
      .filter(usesAction('actions/setup-node'))
      .some((step) => String(step.with['package-manager-cache']) !== 'false');
    report.expectJob(
      !cached,
      job,
      'a publishing workflow restores no cache: setup-node needs "package-manager-cache: false"',
    );
    report.expectJob(
      stepsRunning(job, /\bdocker (?:build|push|tag)\b/).length === 0,
      job,
      'images are built and pushed only through the Nx targets',
    );
  }
  return report.findings;
}

function checkRelease(report: ContractReport, release: Job): void {
  const step = release.steps.find(runs(RELEASE));
  report.expectJob(
    checksOutFullHistory(release),
    release,
    'semantic-release reads every tag and commit: checkout with "fetch-depth: 0"',
  );
  report.expectJob(step?.id !== undefined, release, 'the release step needs an "id" to expose its outputs');
  report.expectJob(
    step?.env['GITHUB_TOKEN'] !== undefined,
    release,
    'semantic-release gets GITHUB_TOKEN through "env:"',
  );
  for (const [output, stepOutput] of Object.entries(RELEASE_OUTPUTS)) {
    const expected = `\${{ steps.${step?.id}.outputs.${stepOutput} }}`;
    report.expectJob(release.outputs[output] === expected, release, `the release job exposes "${output}: ${expected}"`);
  }
}

function checkImage(report: ContractReport, image: Job, release: Job): void {
  report.expectJob(
    image.needs.includes(release.id),
    image,
    `the image job "needs: ${release.id}" to read the released version`,
  );
  const builds = stepsRunning(image, /\bnx run api:docker:build\b/);
  report.expectJob(builds.length === 1, image, 'the image is built exactly once');
  const build = firstStepIndex(image, runs(/\bnx run api:docker:build\b/));
  const scan = firstStepIndex(image, usesAction('aquasecurity/trivy-action'));
  const login = firstStepIndex(image, usesAction('aws-actions/configure-aws-credentials'));
  const publish = firstStepIndex(image, runs(PUBLISH));
  report.expectJob(publish !== -1, image, 'the image job publishes with "nx run api:publish-image"');
  report.expectJob(
    scan > build && scan < publish,
    image,
    'the image is scanned (aquasecurity/trivy-action) after the build and before anything is pushed',
  );
  report.expectJob(
    login !== -1 && login < publish,
    image,
    'ECR credentials come from configure-aws-credentials (OIDC) before publishing',
  );
  const trivy = image.steps[scan];
  if (trivy) {
    report.expectJob(
      String(trivy.with['exit-code']) === '1',
      image,
      'the scan fails the job: trivy "exit-code: \'1\'"',
    );
    report.expectJob(
      /\bCRITICAL\b/.test(String(trivy.with['severity'] ?? '')),
      image,
      'the scan fails on CRITICAL findings',
    );
  }
  checkPublishSteps(report, image);
}

/** sha-<commit> always; vX.Y.Z only in a step guarded by published == 'true'. */
function checkPublishSteps(report: ContractReport, image: Job): void {
  const publishes = stepsRunning(image, PUBLISH);
  for (const step of publishes) {
    const run = step.run ?? '';
    report.expectJob(
      / -- .*--commit "\$GITHUB_SHA"/.test(run),
      image,
      `publish step ${step.index} passes -- --commit "$GITHUB_SHA"`,
    );
    const promotes = /--version\b/.test(run);
    const guard = promotes ? PUBLISHED_TRUE : PUBLISHED_NOT_TRUE;
    report.expectJob(
      guard.test(step.if ?? ''),
      image,
      `publish step ${step.index} ${promotes ? 'adds vX.Y.Z only if' : 'runs sha-only only unless'} "needs.release.outputs.published == 'true'"`,
    );
    if (promotes) {
      report.expectJob(
        /needs\.release\.outputs\.version/.test(String(step.env['VERSION'] ?? '')),
        image,
        `publish step ${step.index} reads VERSION from needs.release.outputs.version`,
      );
    }
  }
  report.expectJob(
    publishes.some((step) => /--version\b/.test(step.run ?? '')),
    image,
    'a released version is promoted: one publish step passes --version',
  );
  report.expectJob(
    publishes.some((step) => !/--version\b/.test(step.run ?? '')),
    image,
    'a merge without a release still publishes sha-<commit>',
  );
}
