// The audit trail's hash chain: each entry's hash is sha256 over the previous entry's hash and the
// entry's canonical form, so changing, removing or reordering a stored entry breaks the chain from
// there on. Appending takes the audit lock (one writer at a time across every instance), so two
// writers can never both build on the same previous entry.
import { createHash } from 'node:crypto';
import type { AuditRow } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export const genesisHash = '0'.repeat(64);

export type AuditFields = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;

/** JSON with its keys sorted at every level: one text for the same objects. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const fields = [
    row.seq,
    row.at,
    row.actor_kind,
    row.actor_id,
    row.actor_name,
    row.role,
    row.unit,
    row.action,
    row.objects,
    row.patient_ref,
    row.address,
    row.result,
  ];
  return createHash('sha256').update(prevHash).update(JSON.stringify(fields)).digest('hex');
}

/** Appends one entry after the newest, under the audit lock; returns its seq. */
export async function appendAudit(store: Pick<RegisterStore, 'staffTransaction'>, fields: AuditFields): Promise<number> {
  return store.staffTransaction('audit', async (staff) => {
    const last = await staff.lastAudit();
    const seq = (last ? Number(last.seq) : 0) + 1;
    const prevHash = last?.hash ?? genesisHash;
    const row = { ...fields, seq };
    await staff.insertAudit({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) });
    return seq;
  });
}

export type ChainCheck = { isIntact: true; count: number } | { isIntact: false; count: number; brokenAt: number; reason: string };

/** Walks the whole chain from the first entry; names the first seq where it breaks. */
export async function verifyAuditChain(store: Pick<RegisterStore, 'staff'>, pageSize = 1000): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  for (;;) {
    const rows = await store.staff.auditFrom(expectedSeq, pageSize);
    for (const stored of rows) {
      const row = { ...stored, seq: Number(stored.seq) };
      const broken = (reason: string): ChainCheck => ({ isIntact: false, count: expectedSeq - 1, brokenAt: expectedSeq, reason });
      if (row.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (the next is ${row.seq})`);
      if (row.prev_hash !== prevHash) return broken(`entry ${row.seq} does not follow the entry before it`);
      if (entryHash(prevHash, row) !== row.hash) return broken(`entry ${row.seq} has been changed`);
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) return { isIntact: true, count: expectedSeq - 1 };
  }
}
