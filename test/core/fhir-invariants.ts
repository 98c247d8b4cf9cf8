// The second check of what we export, beside the R4 JSON schema: R4's own invariants for Questionnaire
// and QuestionnaireResponse (the "Rule" constraints of their StructureDefinitions, as the specification
// states them in FHIRPath), evaluated by HL7's FHIRPath engine (fhirpath.js) with the R4 model.
// The JSON schema checks shapes only; these are the rules between elements it cannot say (que-1: a
// display item holds no items; que-2: linkIds are unique; qrs-1: an item has answers or items, not both).
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';

interface Invariant {
  key: string;
  /** Where the rule applies, as a FHIRPath from the resource: every node it selects must satisfy it. */
  at: string;
  expression: string;
}

const items = 'repeat(item)';

/** R4 (4.0.1) Questionnaire, every constraint at level Rule. */
const questionnaireInvariants: Invariant[] = [
  {
    key: 'que-1',
    at: items,
    expression: "(type='group' implies item.empty().not()) and (type.trace('type')='display' implies item.trace('item').empty())",
  },
  { key: 'que-2', at: '%resource', expression: 'descendants().linkId.isDistinct()' },
  { key: 'que-3', at: items, expression: "type!='display' or code.empty()" },
  { key: 'que-4', at: items, expression: 'answerOption.empty() or answerValueSet.empty()' },
  {
    key: 'que-5',
    at: items,
    expression:
      "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
  },
  { key: 'que-6', at: items, expression: "type!='display' or (required.empty() and repeats.empty())" },
  // The specification writes `answer is Boolean` (System.Boolean, to which FHIR's boolean converts);
  // fhirpath.js matches the FHIR type by its own name only.
  { key: 'que-7', at: `${items}.enableWhen`, expression: "operator = 'exists' implies (answer is boolean)" },
  { key: 'que-8', at: items, expression: "(type!='group' and type!='display') or initial.empty()" },
  { key: 'que-9', at: items, expression: "type!='display' or readOnly.empty()" },
  {
    key: 'que-10',
    at: items,
    expression: "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty()",
  },
  { key: 'que-11', at: items, expression: 'answerOption.empty() or initial.empty()' },
  { key: 'que-12', at: items, expression: 'enableWhen.count() > 2 implies enableBehavior.exists()' },
  { key: 'que-13', at: items, expression: 'repeats=true or initial.count() <= 1' },
];

/** R4 QuestionnaireResponse: qrs-1 (an item has answers or nested items, not both). */
const responseInvariants: Invariant[] = [{ key: 'qrs-1', at: 'repeat(item)', expression: '(answer.exists() and item.exists()).not()' }];

/** Every resource: an extension has a value or extensions, not both (ext-1). */
const extensionInvariants: Invariant[] = [
  { key: 'ext-1', at: 'descendants().extension', expression: 'extension.exists() != value.exists()' },
];

/** The invariants the resource breaks, each as "key at node n". */
export function brokenInvariants(resource: { resourceType: string }): string[] {
  const invariants = [
    ...(resource.resourceType === 'Questionnaire' ? questionnaireInvariants : []),
    ...(resource.resourceType === 'QuestionnaireResponse' ? responseInvariants : []),
    ...extensionInvariants,
  ];
  return invariants.flatMap(({ key, at, expression }) => {
    // evaluated from the resource, so that the model knows each node's type (answer[x] and the like)
    const path = at === '%resource' ? `${resource.resourceType}.where((${expression}).not())` : `${at}.where((${expression}).not())`;
    const breaking = fhirpath.evaluate(resource, path, undefined, r4, { traceFn: () => undefined }) as unknown[];
    return breaking.length > 0 ? [`${key} (${breaking.length}×)`] : [];
  });
}
