import { type Finding, type Place, finding, jobPlace, workflowPlace } from '../finding';
import type { Job, Workflow } from '../model/workflow';

/** A workflow's contract: the spec's triggers and jobs, as checks over the parsed file. */
export type Contract = (workflow: Workflow) => Finding[];

/** Collects "expectation failed" findings for one workflow under one contract id. */
export class ContractReport {
  readonly findings: Finding[] = [];

  constructor(
    private readonly rule: string,
    private readonly workflow: Workflow,
  ) {}

  expect(ok: boolean, place: Place, message: string): void {
    if (!ok) this.findings.push(finding(this.rule, this.workflow, place, message));
  }

  expectWorkflow(ok: boolean, key: string, message: string): void {
    this.expect(ok, workflowPlace(this.workflow, key), message);
  }

  expectJob(ok: boolean, job: Job, message: string): void {
    this.expect(ok, jobPlace(job), message);
  }

  /** Finds the single job doing something; reports when there is none. */
  requireJob(jobs: Job[], what: string): Job | undefined {
    this.expectWorkflow(jobs.length > 0, 'jobs', `no job ${what}`);
    return jobs[0];
  }
}
