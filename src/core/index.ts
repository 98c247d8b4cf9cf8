export * from './answers.js';
export * from './content-hash.js';
export * from './definition.js';
export * from './integrity.js';
export * from './parse-definition.js';
export * from './problems.js';
export * from './visibility.js';
