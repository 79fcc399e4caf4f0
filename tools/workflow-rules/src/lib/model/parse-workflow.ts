import { Document, LineCounter, Scalar, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { Job, Permissions, Step, Workflow } from './workflow';

export class WorkflowParseError extends Error {
  override readonly name = 'WorkflowParseError';
}

type Json = Record<string, unknown>;

/** Parses workflow YAML into the model the rules read; throws WorkflowParseError on bad YAML. */
export function parseWorkflow(source: string, file: string): Workflow {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.pos ? lineCounter.linePos(first.pos[0]).line : 0;
    throw new WorkflowParseError(`${file}:${line}: invalid YAML: ${first.message}`);
  }
  const root = doc.toJS();
  if (!isRecord(root)) {
    throw new WorkflowParseError(`${file}: a workflow must be a YAML mapping with "on" and "jobs"`);
  }
  const reader = new SourceReader(doc, source, lineCounter);
  const jobs = isRecord(root['jobs']) ? root['jobs'] : {};
  return {
    file,
    name: optionalString(root['name']),
    on: normaliseTriggers(root['on']),
    permissions: readPermissions(root['permissions']),
    concurrency: root['concurrency'],
    env: recordOrEmpty(root['env']),
    jobs: Object.entries(jobs).map(([id, raw]) => readJob(id, recordOrEmpty(raw), reader)),
    keyLines: Object.fromEntries(Object.keys(root).map((key) => [key, reader.keyLine(key)])),
  };
}

function readJob(id: string, raw: Json, reader: SourceReader): Job {
  const rawSteps = Array.isArray(raw['steps']) ? raw['steps'] : [];
  return {
    id,
    line: reader.lineOf(['jobs', id]),
    name: optionalString(raw['name']),
    if: optionalString(raw['if']),
    needs: toStringList(raw['needs']),
    permissions: readPermissions(raw['permissions']),
    environment: raw['environment'],
    concurrency: raw['concurrency'],
    strategy: raw['strategy'],
    outputs: recordOrEmpty(raw['outputs']),
    env: recordOrEmpty(raw['env']),
    uses: optionalString(raw['uses']),
    usesComment: reader.trailingComment(['jobs', id, 'uses']),
    steps: rawSteps.map((step, index) => readStep(recordOrEmpty(step), index, ['jobs', id, 'steps', index], reader)),
  };
}

function readStep(raw: Json, index: number, path: (string | number)[], reader: SourceReader): Step {
  return {
    index,
    line: reader.lineOf(path),
    id: optionalString(raw['id']),
    name: optionalString(raw['name']),
    if: optionalString(raw['if']),
    uses: optionalString(raw['uses']),
    usesComment: reader.trailingComment([...path, 'uses']),
    run: optionalString(raw['run']),
    runLine: raw['run'] === undefined ? undefined : reader.scalarContentLine([...path, 'run']),
    shell: optionalString(raw['shell']),
    with: recordOrEmpty(raw['with']),
    env: recordOrEmpty(raw['env']),
  };
}

/** `on: push`, `on: [push, pull_request]` and the map form all become a map. */
function normaliseTriggers(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [String(event), null]));
  return recordOrEmpty(on);
}

function readPermissions(value: unknown): Permissions | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'read-all' || value === 'write-all') return value;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  // Anything else is invalid for GitHub; keep it visible to the rules as a write grant.
  return 'write-all';
}

/** Reads positions and comments that the plain JS value loses. */
class SourceReader {
  constructor(
    private readonly doc: Document,
    private readonly source: string,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Line of a node; for a mapping entry, the line of its key (its value may start below). */
  lineOf(path: (string | number)[]): number {
    const last = path[path.length - 1];
    const parent = this.doc.getIn(path.slice(0, -1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (pair && isScalar(pair.key) && pair.key.range) return this.lineCounter.linePos(pair.key.range[0]).line;
    }
    const node = this.doc.getIn(path, true);
    return isNode(node) && node.range ? this.lineCounter.linePos(node.range[0]).line : 0;
  }

  /** First content line of a scalar: block scalars (`|`, `>`) start on the line after the indicator. */
  scalarContentLine(path: (string | number)[]): number {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return this.lineOf(path);
    const line = this.lineCounter.linePos(node.range[0]).line;
    const isBlock = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    return isBlock ? line + 1 : line;
  }

  /** Line of a top-level key. */
  keyLine(key: string): number {
    return this.lineOf([key]);
  }

  /** The comment after a scalar on its own line: `uses: a@sha # v1.2.3` → `v1.2.3`. */
  trailingComment(path: (string | number)[]): string | undefined {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return undefined;
    const valueEnd = node.range[1];
    const lineEnd = this.source.indexOf('\n', valueEnd);
    const rest = this.source.slice(valueEnd, lineEnd === -1 ? undefined : lineEnd);
    const match = /^\s*#\s?(.*)$/.exec(rest);
    return match ? match[1].trim() : undefined;
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOrEmpty(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function toStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
