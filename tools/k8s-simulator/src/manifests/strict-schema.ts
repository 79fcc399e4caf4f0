/**
 * A strict JSON Schema for a Kubernetes kind, built from the models @kubernetes/client-node
 * generates from the official OpenAPI document (release-1.36): every object lists exactly the
 * fields the API defines (`additionalProperties: false`), so a misspelt or misplaced field fails,
 * as `kubectl apply --validate=strict` would. Types and required fields are checked separately
 * by the official schema's own validators (kubernetes-models).
 */
interface AttributeType {
  readonly baseName: string;
  readonly type: string;
}

interface ModelClass {
  getAttributeTypeMap(): AttributeType[];
}

export type JsonSchema = Record<string, unknown>;

const PRIMITIVES: Readonly<Record<string, JsonSchema>> = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  Date: { type: 'string' },
  IntOrString: { type: ['integer', 'string'] },
  any: {},
};

export function strictSchema(rootModel: string, models: Readonly<Record<string, unknown>>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const refFor = (type: string): JsonSchema => {
    const primitive = PRIMITIVES[type];
    if (primitive) return primitive;
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: 'array', items: refFor(array[1]) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: refFor(map[1]) };
    const model = models[type] as ModelClass | undefined;
    // Enums and other generated names without attributes are plain strings in the API.
    if (!model || typeof model.getAttributeTypeMap !== 'function') return { type: 'string' };
    if (!definitions[type]) {
      definitions[type] = {};
      const properties: Record<string, JsonSchema> = {};
      for (const attribute of model.getAttributeTypeMap()) properties[attribute.baseName] = refFor(attribute.type);
      definitions[type] = { type: 'object', properties, additionalProperties: false };
    }
    return { $ref: `#/definitions/${type}` };
  };
  return { ...refFor(rootModel), definitions };
}
