// The reads and writes of enrolment codes and tablets, over Kysely like every other (operations.ts).
// What they mean (a code used up, a tablet revoked, how often a call is recorded) is the register's
// decision (register-tablets.ts, register-writes.ts).
import type { Selectable } from 'kysely';
import type { Executor } from './compiled-once.js';
import type { TabletsTable } from './schema.js';
import type { StoreOperations, TabletRecord } from './store.js';

type Run = <T>(work: () => Promise<T>) => Promise<T>;

export type TabletOperations =
  | 'insertEnrolment'
  | 'findEnrolment'
  | 'useEnrolment'
  | 'insertTablet'
  | 'findTablet'
  | 'getTablet'
  | 'listTablets'
  | 'revokeTablet'
  | 'markTabletSeen';

/** Whether an INSERT … ON CONFLICT DO NOTHING or an UPDATE wrote its row. */
const wrote = (result: { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  (result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0n) > 0n;

const toTablet = (row: Selectable<TabletsTable>): TabletRecord => ({
  id: row.id,
  unit: row.unit,
  tokenHash: row.token_hash,
  enrolledAt: row.enrolled_at,
  name: row.name,
  lastSeenAt: row.last_seen_at,
  revokedAt: row.revoked_at,
});

function enrolmentOperations(db: Executor, run: Run): Pick<StoreOperations, 'insertEnrolment' | 'findEnrolment' | 'useEnrolment'> {
  return {
    insertEnrolment: ({ codeHash, unit, createdAt, validUntil, usesLeft }) =>
      run(async () => {
        const result = await db
          .insertInto('enrolments')
          .values({ code_hash: codeHash, unit, created_at: createdAt, valid_until: validUntil, uses_left: usesLeft })
          .onConflict((oc) => oc.column('code_hash').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    findEnrolment: (codeHash) =>
      run(async () => {
        const row = await db.selectFrom('enrolments').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
        return (
          row && {
            codeHash: row.code_hash,
            unit: row.unit,
            createdAt: row.created_at,
            validUntil: row.valid_until,
            usesLeft: row.uses_left,
          }
        );
      }),
    useEnrolment: (codeHash, at) =>
      run(async () => {
        // A concurrent use waits for this row's lock and then finds the condition false: one wins the last use.
        const result = await db
          .updateTable('enrolments')
          .set((eb) => ({ uses_left: eb('uses_left', '-', 1) }))
          .where('code_hash', '=', codeHash)
          .where('uses_left', '>', 0)
          .where('valid_until', '>=', at)
          .executeTakeFirst();
        return wrote(result);
      }),
  };
}

export function tabletOperations(db: Executor, run: Run): Pick<StoreOperations, TabletOperations> {
  return {
    ...enrolmentOperations(db, run),
    insertTablet: ({ id, unit, tokenHash, enrolledAt, name = null, lastSeenAt = null }) =>
      run(async () => {
        const result = await db
          .insertInto('tablets')
          .values({ id, unit, token_hash: tokenHash, enrolled_at: enrolledAt, name, last_seen_at: lastSeenAt, revoked_at: null })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        return wrote(result);
      }),
    findTablet: (tokenHash) =>
      run(async () => {
        const row = await db.selectFrom('tablets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
        return row && toTablet(row);
      }),
    getTablet: (id) =>
      run(async () => {
        const row = await db.selectFrom('tablets').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toTablet(row);
      }),
    listTablets: ({ unit }) =>
      run(async () => {
        let query = db.selectFrom('tablets').selectAll();
        if (unit !== undefined) query = query.where('unit', '=', unit);
        return (await query.orderBy('enrolled_at').orderBy('id').execute()).map(toTablet);
      }),
    revokeTablet: (id, at) =>
      run(async () => {
        const result = await db
          .updateTable('tablets')
          .set({ revoked_at: at })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return wrote(result);
      }),
    markTabletSeen: (id, at, since) =>
      run(async () => {
        await db
          .updateTable('tablets')
          .set({ last_seen_at: at })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', since)]))
          .execute();
      }),
  };
}
