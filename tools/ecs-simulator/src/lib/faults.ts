import { AwsError } from './aws-error';
import type { FaultRule } from './scenario';

const DEFAULT_MESSAGES: Record<string, string> = {
  ThrottlingException: 'Rate exceeded',
  AccessDeniedException:
    'User: arn:aws:sts::123456789012:assumed-role/deployer/slipway is not authorized to perform this action',
  ServerException: 'Service Unavailable. Please try again later.',
};

/** Answers chosen calls with an error instead of the simulated result, counting calls per operation. */
export class FaultInjector {
  private rules: { rule: FaultRule; seen: number; fired: number }[] = [];

  constructor(rules: FaultRule[] = []) {
    rules.forEach((rule) => this.add(rule));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  /** The error for this call to `operation`, if a rule claims it. Every matching rule counts the call. */
  check(operation: string): AwsError | undefined {
    let error: AwsError | undefined;
    for (const state of this.rules) {
      const { rule } = state;
      if (rule.operation !== operation && rule.operation !== '*') continue;
      state.seen += 1;
      const due = state.seen > (rule.skip ?? 0) && state.fired < (rule.times ?? Number.POSITIVE_INFINITY);
      if (due && !error) {
        state.fired += 1;
        error = new AwsError(
          rule.error,
          rule.message ?? DEFAULT_MESSAGES[rule.error] ?? `Injected ${rule.error}`,
          rule.httpStatus ?? 400,
        );
      }
    }
    return error;
  }

  /** How many errors each rule has injected so far. */
  summary(): (FaultRule & { fired: number })[] {
    return this.rules.map(({ rule, fired }) => ({ ...rule, fired }));
  }
}
