import type { Finding } from '../finding';
import type { Job, Workflow } from '../model/workflow';
import { ContractReport } from './contract';
import {
  checksOutFullHistory,
  expectServicesOutput,
  firstStepIndex,
  grants,
  jobsRunning,
  matrixOver,
  neverCancels,
  restoresCache,
  runs,
  stepsRunning,
  usesAction,
} from './queries';

export const BUILD_CONTRACT = 'contract:build';

const RELEASE = /\bnpm run release(?![\w:-])/;
/** Job outputs and the release step outputs they carry (tools/repo-rules writes published, version, gitTag). */
const RELEASE_OUTPUTS: Readonly<Record<string, string>> = { published: 'published', version: 'gitTag' };
const PLAN = /\bnpm run services:build -- --released "\$PUBLISHED" --base "\$NX_BASE" --head "\$NX_HEAD"/;
const BUILD = /\bnx run "\$SERVICE":docker:build\b/;
const PUBLISH = /\bnx run "\$SERVICE":publish-image\b/;
const MATRIX_SERVICE = /^\$\{\{\s*matrix\.service\s*\}\}$/;
const PUBLISHED_TRUE = /needs\.release\.outputs\.published\s*==\s*'true'/;
const PUBLISHED_NOT_TRUE = /needs\.release\.outputs\.published\s*!=\s*'true'/;

/**
 * build.yml, on push to main: job 1 runs semantic-release and exposes published/version; job 2
 * lists the services to build from the project graph (every one after a release, else those
 * affected since the last green run); job 3, a matrix over that list, builds each image once,
 * scans it, pushes sha-<commit> and promotes vX.Y.Z only when a version was released, with ECR
 * reached through OIDC. No caches in a publishing workflow.
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
  const plan = report.requireJob(
    jobsRunning(workflow, PLAN),
    'lists the services to build with: npm run services:build -- --released "$PUBLISHED" --base "$NX_BASE" --head "$NX_HEAD"',
  );
  if (plan && release) checkPlan(report, plan, release);
  const image = report.requireJob(
    jobsRunning(workflow, BUILD),
    'builds each image with "nx run "$SERVICE":docker:build"',
  );
  if (image && release && plan) checkImage(report, image, release, plan);

  for (const job of workflow.jobs) {
    report.expectJob(
      !restoresCache(job),
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

/** After the release (a release builds every service); affected since the last green build.yml run otherwise. */
function checkPlan(report: ContractReport, plan: Job, release: Job): void {
  report.expectJob(plan.needs.includes(release.id), plan, `the services job "needs: ${release.id}"`);
  const step = plan.steps.find(runs(PLAN));
  report.expectJob(
    /needs\.release\.outputs\.published/.test(String(step?.env['PUBLISHED'] ?? '')),
    plan,
    'the services step reads PUBLISHED from needs.release.outputs.published',
  );
  const setShas = firstStepIndex(plan, usesAction('nrwl/nx-set-shas'));
  report.expectJob(
    setShas !== -1 && step !== undefined && setShas < step.index,
    plan,
    'nrwl/nx-set-shas sets NX_BASE/NX_HEAD (the last green build.yml run) before the services step',
  );
  report.expectJob(checksOutFullHistory(plan), plan, 'affected needs the full history: checkout with "fetch-depth: 0"');
  report.expectJob(
    grants(plan, 'actions', 'read'),
    plan,
    'nx-set-shas finds the last green run through the API: grant "actions: read"',
  );
  expectServicesOutput(report, plan, step);
}

function checkImage(report: ContractReport, image: Job, release: Job, plan: Job): void {
  report.expectJob(
    image.needs.includes(release.id) && image.needs.includes(plan.id),
    image,
    `the image job "needs: [${release.id}, ${plan.id}]" to read the version and the services`,
  );
  report.expectJob(
    matrixOver(image, `needs.${plan.id}.outputs.services`),
    image,
    `the image job is a matrix "service: \${{ fromJSON(needs.${plan.id}.outputs.services) }}" with "fail-fast: false"`,
  );
  report.expectJob(
    new RegExp(`needs\\.${plan.id}\\.outputs\\.services\\s*!=\\s*'\\[\\]'`).test(image.if ?? ''),
    image,
    `the image job is skipped when no service is listed ("if: needs.${plan.id}.outputs.services != '[]'")`,
  );
  const builds = stepsRunning(image, BUILD);
  report.expectJob(builds.length === 1, image, 'the image is built exactly once');
  const build = firstStepIndex(image, runs(BUILD));
  const scan = firstStepIndex(image, usesAction('aquasecurity/trivy-action'));
  const login = firstStepIndex(image, usesAction('aws-actions/configure-aws-credentials'));
  const publish = firstStepIndex(image, runs(PUBLISH));
  report.expectJob(publish !== -1, image, 'the image job publishes with "nx run "$SERVICE":publish-image"');
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
  for (const step of [...builds, ...stepsRunning(image, PUBLISH)])
    report.expectJob(
      MATRIX_SERVICE.test(String(step.env['SERVICE'] ?? '')),
      image,
      `step ${step.index} reads SERVICE from matrix.service through env`,
    );
  const trivy = image.steps[scan];
  if (trivy) {
    report.expectJob(
      MATRIX_SERVICE.test(String(trivy.with['image-ref'] ?? '')),
      image,
      'the scan reads the image docker:build tagged: "image-ref: ${{ matrix.service }}"',
    );
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
    report.expectJob(
      !/--repository\b/.test(run) && step.env['ECR_REPOSITORY'] === undefined,
      image,
      `publish step ${step.index} leaves the repository to the service's own target (its deploy.json): no --repository, no ECR_REPOSITORY`,
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
