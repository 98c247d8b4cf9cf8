export * from './answers.js';
export * from './answer-input.js';
export * from './content-hash.js';
export * from './definition.js';
export * from './integrity.js';
export * from './parse-definition.js';
export * from './problems.js';
export * from './visibility.js';
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
// Authoring only (the command line and the staff preview import them by path), so that nothing
// that imports this index carries them: check-text.ts, json-locate.ts.
