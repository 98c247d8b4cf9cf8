// The formats of the results' markdown (bench/report.ts and its parts).
import type { Summary } from './lib.js';

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const range = (s: Summary, format: (n: number) => string) => `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
export const times = (n: number) => `${n.toFixed(2)}×`;
export const met = (ok: boolean) => (ok ? 'met' : '**missed**');
