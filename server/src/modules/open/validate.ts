// Validation of records that do not arrive as a JSON body (CSV rows, GeoJSON features) against
// the same TypeBox schemas as the routes, with field names in the API's style.
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import type { FieldErrors } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';

const join = (prefix: string, path: string) => {
  const parts = path.split('/').filter(Boolean);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), prefix);
};

/** The schema's verdict on a value: {} when it is valid, else {"prefix.field": "reason"}. */
export function schemaErrors(schema: TSchema, value: unknown, prefix: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of Value.Errors(schema, value)) {
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      for (const name of (params.requiredProperties as string[] | undefined) ?? []) fields[join(prefix, `${error.instancePath}/${name}`)] ??= 'is required';
    } else if (error.keyword === 'additionalProperties') {
      for (const name of (params.additionalProperties as string[] | undefined) ?? []) fields[join(prefix, `${error.instancePath}/${name}`)] ??= 'is not a known field';
    } else if (error.keyword !== 'boolean') {
      fields[join(prefix, error.instancePath) || prefix] ??= error.message;
    }
  }
  return fields;
}

/** Converts strings to the schema's numbers and booleans where it can (CSV cells), then returns the value. */
export function converted<S extends TSchema>(schema: S, value: unknown): Static<S> {
  return Value.Convert(schema, value) as Static<S>;
}

/**
 * Codes of imported rows (places, venues): a code repeated in the file, or a known code whose
 * record lies outside the actor's scope (an import updates only records in scope), is a problem.
 * Returns the problems and the records the known codes belong to.
 */
export async function importCodeProblems(
  db: Queryable,
  actor: Actor,
  rows: readonly { line: number; values: { code: string | null } }[],
  lookup: (db: Queryable, codes: string[]) => Promise<Map<string, { id: string; communeCode: string }>>,
  noun: string,
): Promise<{ fields: FieldErrors; existing: Map<string, { id: string; communeCode: string }> }> {
  const fields: FieldErrors = {};
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    if (!values.code) continue;
    const first = seen.get(values.code);
    if (first !== undefined) fields[`lines[${line}].code`] = `repeats the code of line ${first}`;
    else seen.set(values.code, line);
  }
  const existing = await lookup(db, [...seen.keys()]);
  for (const { line, values } of rows) {
    const known = values.code ? existing.get(values.code) : undefined;
    if (known && !(await unitInScope(db, actor, known.communeCode))) fields[`lines[${line}].code`] = `belongs to a ${noun} outside your scope`;
  }
  return { fields, existing };
}
