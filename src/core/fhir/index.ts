// FHIR R4: a definition as a Questionnaire and back, and a submission as a QuestionnaireResponse.
export * from './types.js';
export * from './naming.js';
export { toFhirQuestionnaire, type QuestionnaireExport } from './export-questionnaire.js';
export { toFhirQuestionnaireResponse, type ResponseInput } from './export-response.js';
export { fromFhirQuestionnaire, type ImportOptions, type QuestionnaireImport } from './import-questionnaire.js';
export { valueSetsIn, type ValueSet } from './import-value-sets.js';
export { linkIdOf } from './codes.js';
export { toFhirLanguageBundle, fromFhirLanguageBundle, isBundle, type LanguageBundle } from './language-bundle.js';
