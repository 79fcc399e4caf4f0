import type { Document } from 'yaml';
import { mutated, realWorkflow } from '../../test-support/real-workflows';
import { checkNoServiceNames, checkServiceChoices, serviceChoices } from './services';

const SERVICES = ['api', 'jobs'];
const named = (file: string, edit: (doc: Document) => void) =>
  checkNoServiceNames(mutated(file, edit), SERVICES).map((f) => `${f.path}: ${f.message}`);

describe('no workflow names a service', () => {
  it.each(['build.yml', 'ci.yml', 'deploy.yml'])('holds for the real %s', (file) => {
    expect(checkNoServiceNames(realWorkflow(file), SERVICES)).toEqual([]);
  });

  it.each<[string, string, (doc: Document) => void, string]>([
    [
      'an nx target of one service',
      'build.yml',
      (d) => d.setIn(['jobs', 'image', 'steps', 4, 'run'], 'npx nx run api:docker:build'),
      'jobs.image.steps[4]: step 4 of job "image" names the service "api"',
    ],
    [
      'an image reference',
      'build.yml',
      (d) => d.setIn(['jobs', 'image', 'steps', 4, 'with'], { 'image-ref': 'slipway/jobs' }),
      'names the service "jobs"',
    ],
    [
      'a job condition',
      'deploy.yml',
      (d) => d.setIn(['jobs', 'deploy', 'if'], "inputs.service == 'api'"),
      'jobs.deploy: job "deploy" names the service "api"',
    ],
    [
      'a trigger filter',
      'ci.yml',
      (d) => d.setIn(['on', 'push', 'paths'], ['apps/api/**']),
      'on: "on:" names the service "api"',
    ],
  ])('fires on %s', (_, file, edit, expected) => {
    expect(named(file, edit).join('\n')).toContain(expected);
  });

  it('counts a name only where it stands alone', () => {
    const edit = (d: Document) =>
      d.setIn(['jobs', 'image', 'steps', 4, 'env', 'NOTE'], 'rapid api-gateway apis jobs_total my-api');
    expect(named('build.yml', edit)).toEqual([]);
  });

  it("leaves deploy.yml's service choice to the choice check", () => {
    expect(serviceChoices(realWorkflow('deploy.yml'))?.[0]).toBe('all');
    expect(
      checkNoServiceNames(realWorkflow('deploy.yml'), serviceChoices(realWorkflow('deploy.yml'))!.slice(1)),
    ).toEqual([]);
  });
});

describe("deploy.yml's service choice", () => {
  const withChoices = (options: string[] | undefined) =>
    mutated('deploy.yml', (d) =>
      options
        ? d.setIn(['on', 'workflow_dispatch', 'inputs', 'service', 'options'], options)
        : d.deleteIn(['on', 'workflow_dispatch', 'inputs', 'service']),
    );

  it('is "all" and then every deployable service, sorted', () => {
    expect(checkServiceChoices(withChoices(['all', 'api', 'jobs']), ['jobs', 'api'])).toEqual([]);
  });

  it.each<[string, string[] | undefined]>([
    ['a service is missing', ['all', 'api']],
    ['a service is gone from the graph', ['all', 'api', 'jobs', 'old']],
    ['"all" is missing', ['api', 'jobs']],
    ['the order differs', ['all', 'jobs', 'api']],
    ['there is no service input', undefined],
  ])('fires when %s', (_, options) => {
    expect(checkServiceChoices(withChoices(options), SERVICES).map((f) => f.message)).toEqual([
      `input "service" offers ${JSON.stringify(options ?? null)}; the deployable services (nx show projects --withTarget deploy) make it "options: [all, api, jobs]"`,
    ]);
  });
});
