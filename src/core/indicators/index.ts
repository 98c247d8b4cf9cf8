export * from './compute.js';
export * from './indicator.js';
export * from './wilson.js';
export * from './indicator-integrity.js';
