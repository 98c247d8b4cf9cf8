export * from './answers.js';
export * from './answer-input.js';
export * from './canonical-json.js';
// The definition's types and its small parts; its whole schema (hundreds of zod schemas, built when
// their module is evaluated) is imported by path where a definition is checked in full
// (parse-definition.ts), so that the patient's first page does not build it.
export type * from './definition.js';
export * from './definition-parts.js';
export * from './read-definition.js';
export * from './problems.js';
export * from './visibility.js';
export * from './repeats.js';
export * from './access-code.js';
export * from './protocol.js';
export * from './submission.js';
export * from './scoring.js';
export * from './scoring-results.js';
export * from './scoring-examples.js';
export * from './notices.js';
export * from './localise.js';
export * from './response-session.js';
export * from './suggest.js';
export * from './reachability.js';
export * from './alerts.js';
export * from './item-rules.js';
export * from './score-change.js';
// Imported by path, so that nothing that imports this index carries them: check-text.ts and
// json-locate.ts (authoring), and parse-definition.ts with integrity.ts (the full check of a
// definition's references, which the patient's app loads only where a definition enters the device).
