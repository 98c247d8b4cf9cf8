export * from './database.js';
export * from './definitions.js';
export * from './persistence.js';
export * from './responses.js';
export * from './rows.js';
export * from './schema-versions.js';
