import type { RunRequest, RunResult, Runner } from '../lib/process-runner';

type Answer = Partial<RunResult> | ((request: RunRequest) => Partial<RunResult>);

/**
 * A scripted Runner: the first rule whose pattern matches `command args…` answers; anything
 * unmatched succeeds with no output. Every call is recorded as that one-line string.
 */
export class FakeRunner {
  readonly calls: string[] = [];
  readonly requests: RunRequest[] = [];
  private readonly rules: [RegExp, Answer][] = [];

  on(pattern: RegExp, answer: Answer): this {
    this.rules.unshift([pattern, answer]);
    return this;
  }

  readonly run: Runner = async (request) => {
    const line = [request.command, ...request.args].join(' ');
    this.calls.push(line);
    this.requests.push(request);
    const rule = this.rules.find(([pattern]) => pattern.test(line));
    const answer = rule ? (typeof rule[1] === 'function' ? rule[1](request) : rule[1]) : {};
    return { code: 0, stdout: '', stderr: '', ...answer };
  };

  ran(pattern: RegExp): string[] {
    return this.calls.filter((call) => pattern.test(call));
  }
}
