// A refusal the reliability report counts among the bad inputs tried, and the test asserts.
import { expect } from 'vitest';
import { tally } from '../reliability-tally.js';

export function expectCountedRefusal(
  suite: string,
  name: string,
  response: { status: number; json: Record<string, unknown> },
  status: number,
  code: string,
): void {
  const error = String(response.json.error);
  tally({ kind: 'badInput', suite, name, isRefused: response.status === status && error === code, status: response.status, code: error });
  expect([response.status, error]).toEqual([status, code]);
}
