// Validation of records that do not arrive as a JSON body (CSV rows, GeoJSON features) against
// the same TypeBox schemas as the routes, with field names in the API's style.
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldErrors } from '../../platform/errors.js';

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
