import { schemaJson, schemaTypes } from './schema-files';

const schema = {
  typeName: 'ExampleSchema',
  title: 'Example',
  description: 'An example.',
  properties: {
    config: { type: 'string', description: 'The config.' },
    auth: { type: 'string', enum: ['auto', 'none'], default: 'auto', description: 'How to log in.' },
    timeout: { type: ['string', 'number'], default: '15m', description: 'How long.' },
    json: { type: 'boolean', default: false, description: 'JSON out.' },
  },
  required: ['config'],
  additionalProperties: false,
} as const;

describe('schema files', () => {
  it('give Nx a schema.json with the options, defaults and required ones', () => {
    expect(JSON.parse(schemaJson(schema))).toEqual({
      $schema: 'https://json-schema.org/schema',
      version: 2,
      title: 'Example',
      description: 'An example.',
      type: 'object',
      properties: schema.properties,
      required: ['config'],
      additionalProperties: false,
    });
    expect(JSON.parse(schemaJson({ ...schema, additionalProperties: undefined }))).not.toHaveProperty(
      'additionalProperties',
    );
  });

  it('give the executor its options type, optional unless required', () => {
    expect(schemaTypes(schema)).toBe(
      [
        '// Generated from src/executors/schemas.ts by `npx nx sync`: edit that file, not this one.',
        'export interface ExampleSchema {',
        '  /** The config. */',
        '  config: string;',
        '  /** How to log in. */',
        "  auth?: 'auto' | 'none';",
        '  /** How long. */',
        '  timeout?: string | number;',
        '  /** JSON out. */',
        '  json?: boolean;',
        '}',
        '',
      ].join('\n'),
    );
  });
});
