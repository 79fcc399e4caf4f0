import type { ExecutorSchema, OptionSchema } from '../../executors/schemas';

/** An executor's schema.json, as Nx reads it. */
export function schemaJson({ title, description, properties, required, additionalProperties }: ExecutorSchema): string {
  const schema = {
    $schema: 'https://json-schema.org/schema',
    version: 2,
    title,
    description,
    type: 'object',
    properties,
    required,
    ...(additionalProperties === false ? { additionalProperties } : {}),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** An executor's schema.d.ts: the options type its executor takes. */
export function schemaTypes({ typeName, properties, required }: ExecutorSchema): string {
  const fields = Object.entries(properties).flatMap(([name, option]) => [
    `  /** ${option.description} */`,
    `  ${name}${required.includes(name) ? '' : '?'}: ${typeOf(option)};`,
  ]);
  return [
    '// Generated from src/executors/schemas.ts by `npx nx sync`: edit that file, not this one.',
    `export interface ${typeName} {`,
    ...fields,
    '}',
    '',
  ].join('\n');
}

function typeOf(option: OptionSchema): string {
  if (option.enum) return option.enum.map((value) => `'${value}'`).join(' | ');
  return typeof option.type === 'string' ? option.type : option.type.join(' | ');
}
