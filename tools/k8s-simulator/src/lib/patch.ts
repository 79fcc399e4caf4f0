/** Why a patch could not be applied: the API server answers 422 (or 415 for an unknown type). */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

type Json = unknown;
interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

/** RFC 6902 (add, remove, replace, move, copy, test) on a copy of `document`. */
export function applyJsonPatch(document: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be an array of operations', 400);
  let doc = structuredClone(document);
  for (const raw of operations as Operation[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.op !== 'string' || typeof raw.path !== 'string')
      throw new PatchError(`invalid JSON patch operation: ${JSON.stringify(raw)}`, 400);
    switch (raw.op) {
      case 'add':
        doc = put(doc, parsePointer(raw.path), structuredClone(raw.value), 'add');
        break;
      case 'replace':
        get(doc, parsePointer(raw.path), raw.path);
        doc = put(doc, parsePointer(raw.path), structuredClone(raw.value), 'replace');
        break;
      case 'remove':
        doc = remove(doc, parsePointer(raw.path), raw.path);
        break;
      case 'test': {
        const actual = get(doc, parsePointer(raw.path), raw.path);
        if (JSON.stringify(sorted(actual)) !== JSON.stringify(sorted(raw.value))) {
          throw new PatchError(
            `testing value ${raw.path} failed: expected ${JSON.stringify(raw.value)}, found ${JSON.stringify(actual)}`,
          );
        }
        break;
      }
      case 'move':
      case 'copy': {
        const from = parsePointer(raw.from ?? '');
        const value = structuredClone(get(doc, from, raw.from ?? ''));
        if (raw.op === 'move') doc = remove(doc, from, raw.from ?? '');
        doc = put(doc, parsePointer(raw.path), value, 'add');
        break;
      }
      default:
        throw new PatchError(`unknown JSON patch operation "${raw.op}"`, 400);
    }
  }
  return doc;
}

/** RFC 7386: objects merge, `null` deletes, everything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * Lists of objects that a strategic merge patch merges by a key (the `patchMergeKey` tags of the
 * Kubernetes API types the simulator's objects use); every other list is replaced.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

/**
 * Enough of a strategic merge patch for `kubectl set image` (and `kubectl patch` of a Deployment):
 * maps merge, `null` deletes, listed lists merge by their key (an item with `$patch: delete` is
 * removed), other lists are replaced; `$setElementOrder/…` and other directives are ignored.
 */
export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const current = result[key];
    if (value === null) delete result[key];
    else if (MERGE_KEYS[key] && Array.isArray(value) && Array.isArray(current))
      result[key] = mergeByKey(current, value, MERGE_KEYS[key]);
    else result[key] = applyStrategicMergePatch(current, value);
  }
  return result;
}

function mergeByKey(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const merged = structuredClone(current);
  for (const item of patch) {
    if (!isObject(item))
      throw new PatchError(`a list merged by "${mergeKey}" holds objects, not ${JSON.stringify(item)}`);
    const index = merged.findIndex((existing) => isObject(existing) && existing[mergeKey] === item[mergeKey]);
    if (item['$patch'] === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) merged[index] = applyStrategicMergePatch(merged[index], item);
    else merged.push(applyStrategicMergePatch({}, item));
  }
  return merged;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`"${pointer}" is not a JSON pointer`, 400);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(doc: Json, path: string[], pointer: string): Json {
  let node = doc;
  for (const segment of path) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) node = node[Number(segment)];
    else if (isObject(node) && segment in node) node = node[segment];
    else throw new PatchError(`path ${pointer} does not exist`);
  }
  return node;
}

function put(doc: Json, path: string[], value: Json, mode: 'add' | 'replace'): Json {
  if (path.length === 0) return value;
  const parent = get(doc, path.slice(0, -1), `/${path.slice(0, -1).join('/')}`);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (
      !Number.isInteger(index) ||
      index < 0 ||
      index > parent.length ||
      (mode === 'replace' && index >= parent.length)
    )
      throw new PatchError(`index ${last} is out of range`);
    if (mode === 'add') parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isObject(parent)) {
    parent[last] = value;
  } else throw new PatchError(`cannot add ${last}: its parent is not an object or array`);
  return doc;
}

function remove(doc: Json, path: string[], pointer: string): Json {
  get(doc, path, pointer);
  const parent = get(doc, path.slice(0, -1), pointer);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, Json>)[last];
  return doc;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (isObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted(value[k])]),
    );
  return value;
}
