// Measurement plans: the format, its checks, the Norwegian calendar and the schedule a plan gives.
export * from './duration.js';
export * from './oslo-time.js';
export * from './plan.js';
export * from './plan-integrity.js';
export * from './plan-spans.js';
export * from './parse-plan.js';
export * from './schedule.js';
