/** One request as the simulator saw it. */
export interface CallRecord {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** Kubernetes verb: get, list, patch, update, create, delete (or `registry` for /v2). */
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly body?: unknown;
  readonly status: number;
  /** Any request but GET and HEAD writes (or tries to). */
  readonly write: boolean;
  readonly simTime: number;
  /** When it arrived, ms since the Unix epoch. */
  readonly realTime: number;
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  add(record: Omit<CallRecord, 'seq' | 'write' | 'realTime'>): CallRecord {
    const full = { seq: ++this.seq, write: !['GET', 'HEAD'].includes(record.method), realTime: Date.now(), ...record };
    this.records.push(full);
    return full;
  }

  list(since = 0): CallRecord[] {
    return this.records.filter((r) => r.seq > since);
  }

  writes(since = 0): CallRecord[] {
    return this.list(since).filter((r) => r.write);
  }

  clear(): void {
    this.records = [];
  }
}
