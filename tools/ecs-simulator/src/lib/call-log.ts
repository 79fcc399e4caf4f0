/** One API call as the simulator saw it. */
export interface CallRecord {
  seq: number;
  service: 'ecs' | 'ecr';
  operation: string;
  /** Anything that is not a Describe/List/Get/BatchGet call writes (or tries to). */
  mutating: boolean;
  input: Record<string, unknown>;
  /** The error type answered, if any (injected or real). */
  error?: string;
  simTime: number;
  realTime: number;
}

const READ_ONLY = /^(Describe|List|Get|BatchGet)/;

export const isMutating = (operation: string) => !READ_ONLY.test(operation);

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  add(record: Omit<CallRecord, 'seq' | 'mutating'>): CallRecord {
    const full = { seq: ++this.seq, mutating: isMutating(record.operation), ...record };
    this.records.push(full);
    return full;
  }

  /** Calls after sequence number `since` (all by default). */
  list(since = 0): CallRecord[] {
    return this.records.filter((r) => r.seq > since);
  }

  clear(): void {
    this.records = [];
  }
}
