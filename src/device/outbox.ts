// The outbox's states and the moves between them. Pure: every function takes a row and returns
// the next one; the sync engine stores them.
//
//   queued ──send──▶ sending ──acknowledged──▶ acknowledged (token dropped, receipt kept)
//     ▲                 │ └────refused─────▶ rejected (kept and shown, never dropped)
//     └──wait (network, timeout or failure, with backoff)──┘
import type { ApiErrorBody, ReceiptClaims } from '../core/index.js';
import { OutboxStatus, WaitReason, type OutboxRow } from './rows.js';

export const backoff = {
  firstMs: 2_000,
  capMs: 5 * 60_000,
} as const;

/** Exponential backoff with jitter: about 2 s, 4 s, 8 s … up to 5 minutes, each between half and all of that. */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(backoff.capMs, backoff.firstMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

const at = (ms: number) => new Date(ms).toISOString();

export function startSending(row: OutboxRow, now: number): OutboxRow {
  return { ...row, status: OutboxStatus.sending, attempts: row.attempts + 1, updatedAt: at(now) };
}

export function acknowledge(row: OutboxRow, claims: ReceiptClaims, receipt: string, now: number): OutboxRow {
  return {
    ...row,
    status: OutboxStatus.acknowledged,
    token: null,
    nextAttemptAt: null,
    waitingFor: null,
    lastError: null,
    receipt: { receivedAt: claims.receivedAt, storedHash: claims.storedHash, receipt },
    updatedAt: at(now),
  };
}

export function reject(row: OutboxRow, error: ApiErrorBody, now: number): OutboxRow {
  return { ...row, status: OutboxStatus.rejected, nextAttemptAt: null, waitingFor: null, lastError: error, updatedAt: at(now) };
}

export interface WaitInput {
  reason: WaitReason;
  error: ApiErrorBody | null;
  retryAfterMs: number | null;
  now: number;
  random: () => number;
}

export function wait(row: OutboxRow, { reason, error, retryAfterMs, now, random }: WaitInput): OutboxRow {
  const delay = Math.max(backoffMs(Math.max(row.attempts, 1), random), retryAfterMs ?? 0);
  return {
    ...row,
    status: OutboxStatus.queued,
    waitingFor: reason,
    nextAttemptAt: at(now + delay),
    retryAfterAt: retryAfterMs === null ? null : at(now + retryAfterMs),
    lastError: error ?? row.lastError,
    updatedAt: at(now),
  };
}

/** Waiting for the network: no attempt is made until it is back (or the person asks). */
export function waitForNetwork(row: OutboxRow, now: number): OutboxRow {
  return { ...row, status: OutboxStatus.queued, waitingFor: WaitReason.network, updatedAt: at(now) };
}

/** A row left in "sending" by a closed tab is sent again; the register's idempotency makes that safe. */
export function recover(row: OutboxRow, now: number): OutboxRow {
  return { ...row, status: OutboxStatus.queued, nextAttemptAt: at(now), updatedAt: at(now) };
}

/**
 * The network is back: a submission that waited for it, or whose request got no answer in time,
 * becomes due at once rather than at the end of its backoff, unless the register asked for a later
 * time. Returns the row itself when nothing changes.
 */
export function dueOnReconnect(row: OutboxRow, now: number): OutboxRow {
  const isNetworkWait = row.waitingFor === WaitReason.network || row.waitingFor === WaitReason.timeout;
  const isAskedToWait = !!row.retryAfterAt && Date.parse(row.retryAfterAt) > now;
  if (row.status !== OutboxStatus.queued || !isNetworkWait || isAskedToWait || isDue(row, now)) return row;
  return { ...row, nextAttemptAt: at(now), updatedAt: at(now) };
}

/** "Send now": every waiting submission becomes due at once. */
export function dueNow(row: OutboxRow, now: number): OutboxRow {
  return { ...row, nextAttemptAt: at(now), updatedAt: at(now) };
}

export function isDue(row: OutboxRow, now: number): boolean {
  return row.status === OutboxStatus.queued && row.nextAttemptAt !== null && Date.parse(row.nextAttemptAt) <= now;
}
