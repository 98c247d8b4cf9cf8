// The part of FHIR R4 (4.0.1) that the mapping reads and writes: Questionnaire and
// QuestionnaireResponse with the elements and extensions used here. Checked in the tests against
// the official R4 JSON schema.

export interface Extension {
  url: string;
  extension?: Extension[];
  valueString?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueDate?: string;
  valueCoding?: Coding;
  valueCodeableConcept?: CodeableConcept;
  valueExpression?: FhirExpression;
}

/** `_text` and the like: the extensions of a primitive element, e.g. its translations. */
export interface PrimitiveElement {
  extension?: Extension[];
}

export interface Coding {
  extension?: Extension[];
  system?: string;
  code?: string;
  display?: string;
  _display?: PrimitiveElement;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface FhirExpression {
  name?: string;
  language: string;
  expression?: string;
  description?: string;
}

export type EnableWhenOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

export interface EnableWhen {
  question: string;
  operator: EnableWhenOperator;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: Coding;
}

export interface AnswerOption {
  extension?: Extension[];
  valueCoding?: Coding;
  valueInteger?: number;
  valueString?: string;
  valueDate?: string;
}

export type QuestionnaireItemType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'attachment'
  | 'reference'
  | 'quantity'
  | 'question';

export interface QuestionnaireItem {
  extension?: Extension[];
  linkId: string;
  code?: Coding[];
  text?: string;
  _text?: PrimitiveElement;
  type: QuestionnaireItemType;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  answerValueSet?: string;
  answerOption?: AnswerOption[];
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  extension?: Extension[];
  language?: string;
  url?: string;
  version?: string;
  name?: string;
  title?: string;
  _title?: PrimitiveElement;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  description?: string;
  _description?: PrimitiveElement;
  copyright?: string;
  code?: Coding[];
  contained?: unknown[];
  item?: QuestionnaireItem[];
}

export interface ResponseAnswer {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueString?: string;
  valueCoding?: Coding;
}

export interface ResponseItem {
  extension?: Extension[];
  linkId: string;
  text?: string;
  answer?: ResponseAnswer[];
  item?: ResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  extension?: Extension[];
  language?: string;
  identifier?: { system?: string; value?: string };
  questionnaire?: string;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  subject?: { identifier?: { system?: string; value?: string } };
  authored?: string;
  item?: ResponseItem[];
}

/** Extensions and code systems used by the mapping. */
export const Url = {
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  maxDecimalPlaces: 'http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces',
  minOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs',
  maxOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs',
  unit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  itemControlSystem: 'http://hl7.org/fhir/questionnaire-item-control',
  hidden: 'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden',
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  /** SDC's (and R5's) weight of an answer option, as ordinalValue is R4's. */
  itemWeight: 'http://hl7.org/fhir/StructureDefinition/itemWeight',
  /** Helsenorge's calculated expression (their SDF profile), besides SDC's. */
  sdfCalculatedExpression: 'http://ehelse.no/fhir/StructureDefinition/sdf-calculatedExpression',
  /** Helsenorge's scoring codes on an item: "SS" a section's score, "TS" the total score. */
  sdfScoringFormulas: 'http://ehelse.no/scoringFormulas',
  variable: 'http://hl7.org/fhir/StructureDefinition/variable',
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
  calculatedExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
  enableWhenExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
  /** Ours: the support notices a person was shown, one extension per notice id. */
  noticeShown: 'urn:eprom:fhir:notice-shown',
  /** Ours: the content hash of the exact definition the person answered. */
  definitionHash: 'urn:eprom:fhir:definition-hash',
  /** Ours, on a score's item: the band its value falls in (a Coding of the score's bands). */
  scoreBand: 'urn:eprom:fhir:score-band',
  /** Ours, on a score's item: a flag the score set, one extension per flag id. */
  scoreFlag: 'urn:eprom:fhir:score-flag',
  /** Ours, on a score's item without an answer: why there is no score (core's NoScoreReason). */
  noScoreReason: 'urn:eprom:fhir:no-score-reason',
  /** Ours: whether the device's own scores differed from the register's (which the resource carries). */
  deviceScoresDiffer: 'urn:eprom:fhir:device-scores-differ',
} as const;

export const fhirPathLanguage = 'text/fhirpath';
