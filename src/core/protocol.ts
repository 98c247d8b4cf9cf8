// The register API as both sides see it: error codes and their statuses, the messages, and the table
// of endpoints the server registers its routes from and the device calls.
export * from './protocol/api-errors.js';
export * from './protocol/messages.js';
export * from './protocol/staff-messages.js';
export * from './protocol/console-messages.js';
export * from './protocol/endpoints.js';
export * from './protocol/proof-of-work.js';
export * from './protocol/plan-messages.js';
export * from './protocol/results-messages.js';
export * from './protocol/subject-messages.js';
