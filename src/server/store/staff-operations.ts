// The staff side's reads and writes: accounts, sessions, setup links, failed sign-ins and the audit
// trail, written once over Kysely for both databases. Policy (limits, expiry, the hash chain) is the
// register's (src/server/staff-*.ts, audit.ts); the store only reads and writes.
import type { Executor } from './compiled-once.js';
import type { StoreDialect } from './dialect.js';
import { accountRow, auditRecord, toAccount, toSession, type AuditFilter } from './staff-rows.js';
import type { AuditRecord, StaffAccountRecord, StaffLinkRecord, StaffOperations } from './staff-store.js';
import { toCount } from './rows.js';

type Run = <T>(work: () => Promise<T>) => Promise<T>;

const changed = (result: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined) =>
  (result?.numInsertedOrUpdatedRows ?? result?.numUpdatedRows ?? 0n) > 0n;

function accountOperations(db: Executor, dialect: StoreDialect, run: Run) {
  const one = (column: 'id' | 'username' | 'oidc_subject', value: string) =>
    run(async () => {
      const row = await db.selectFrom('staff_accounts').selectAll().where(column, '=', value).executeTakeFirst();
      return row && toAccount(row);
    });
  return {
    countAccounts: () =>
      run(async () =>
        toCount(
          (
            await db
              .selectFrom('staff_accounts')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirst()
          )?.n,
        ),
      ),
    insertAccount: (account: StaffAccountRecord) =>
      run(async () =>
        changed(
          await db
            .insertInto('staff_accounts')
            .values(accountRow(account, dialect))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst(),
        ),
      ),
    updateAccount: (account: StaffAccountRecord) =>
      run(async () => {
        const { id, ...rest } = accountRow(account, dialect);
        return changed(await db.updateTable('staff_accounts').set(rest).where('id', '=', id).executeTakeFirst());
      }),
    getAccount: (id: string) => one('id', id),
    findAccountByUsername: (folded: string) => one('username', folded),
    findAccountBySubject: (subject: string) => one('oidc_subject', subject),
    useTotpStep: (accountId: string, step: string) =>
      run(async () =>
        changed(
          await db
            .updateTable('staff_accounts')
            .set({ totp_last_step: step })
            .where('id', '=', accountId)
            .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
            .executeTakeFirst(),
        ),
      ),
    clearTotp: (accountId: string) =>
      run(async () =>
        changed(
          await db
            .updateTable('staff_accounts')
            .set({ totp_secret: null, totp_pending_secret: null })
            .where('id', '=', accountId)
            .executeTakeFirst(),
        ),
      ),
    listAccounts: () => run(async () => (await db.selectFrom('staff_accounts').selectAll().orderBy('username').execute()).map(toAccount)),
  };
}

function sessionOperations(db: Executor, run: Run) {
  return {
    insertSession: (s: Parameters<StaffOperations['insertSession']>[0]) =>
      run(async () => {
        await db
          .insertInto('staff_sessions')
          .values({
            id: s.id,
            account_id: s.accountId,
            csrf_token: s.csrfToken,
            created_at: s.createdAt,
            last_seen_at: s.lastSeenAt,
            idle_expires_at: s.idleExpiresAt,
            absolute_expires_at: s.absoluteExpiresAt,
            address: s.address,
            ended_at: null,
          })
          .execute();
      }),
    getSession: (id: string) =>
      run(async () => {
        const row = await db.selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toSession(row);
      }),
    touchSession: (id: string, lastSeenAt: string, idleExpiresAt: string) =>
      run(async () => {
        await db
          .updateTable('staff_sessions')
          .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
          .where('id', '=', id)
          .where('ended_at', 'is', null)
          .execute();
      }),
    endSessions: (where: { id: string } | { accountId: string }, at: string) =>
      run(async () => {
        let query = db.updateTable('staff_sessions').set({ ended_at: at }).where('ended_at', 'is', null);
        query = 'id' in where ? query.where('id', '=', where.id) : query.where('account_id', '=', where.accountId);
        return Number((await query.executeTakeFirst()).numUpdatedRows);
      }),
  };
}

function linkAndAttemptOperations(db: Executor, run: Run) {
  return {
    insertLink: (link: StaffLinkRecord) =>
      run(async () => {
        await db
          .insertInto('staff_links')
          .values({
            id: link.id,
            account_id: link.accountId,
            purpose: link.purpose,
            created_at: link.createdAt,
            expires_at: link.expiresAt,
            used_at: null,
          })
          .execute();
      }),
    getLink: (id: string) =>
      run(async () => {
        const row = await db.selectFrom('staff_links').selectAll().where('id', '=', id).executeTakeFirst();
        return (
          row && {
            id: row.id,
            accountId: row.account_id,
            purpose: row.purpose,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
            usedAt: row.used_at,
          }
        );
      }),
    useLink: (id: string, at: string) =>
      run(async () =>
        changed(
          await db.updateTable('staff_links').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst(),
        ),
      ),
    countSignInFailures: (since: string, by: { username: string } | { address: string }) =>
      run(async () => {
        let query = db.selectFrom('sign_in_attempts').where('at', '>=', since);
        query = 'username' in by ? query.where('username', '=', by.username) : query.where('address', '=', by.address);
        return toCount((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n);
      }),
    recordSignInAttempt: (username: string, address: string, at: string) =>
      run(async () => {
        const row = await db.insertInto('sign_in_attempts').values({ username, address, at }).returning('id').executeTakeFirstOrThrow();
        return Number(row.id);
      }),
    removeSignInAttempt: (id: number) =>
      run(async () => {
        await db.deleteFrom('sign_in_attempts').where('id', '=', id).execute();
      }),
    clearSignInFailures: (username: string, before: string) =>
      run(async () => {
        // A success clears the account's failures; and nothing older than the window is worth keeping.
        await db.deleteFrom('sign_in_attempts').where('username', '=', username).execute();
        await db.deleteFrom('sign_in_attempts').where('at', '<', before).execute();
      }),
  };
}

function auditOperations(db: Executor, run: Run) {
  return {
    lastAudit: () => run(async () => db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()),
    insertAudit: (row: Parameters<StaffOperations['insertAudit']>[0]) =>
      run(async () => {
        await db.insertInto('audit_log').values(row).execute();
      }),
    listAudit: (filter: AuditFilter, limit: number) =>
      run(async () => {
        let query = db.selectFrom('audit_log').selectAll();
        if (filter.actor !== undefined)
          query = query.where((eb) => eb.or([eb('actor_id', '=', filter.actor ?? ''), eb('actor_name', '=', filter.actor ?? '')]));
        if (filter.patientRef !== undefined) query = query.where('patient_ref', '=', filter.patientRef);
        if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
        if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
        if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
        return (await query.orderBy('seq', 'desc').limit(limit).execute()).map(auditRecord);
      }),
    auditFrom: (fromSeq: number, limit: number) =>
      run(async () => db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute()),
  };
}

export function staffOperationsOn(db: Executor, dialect: StoreDialect, run: Run = (work) => work()): StaffOperations {
  return {
    ...accountOperations(db, dialect, run),
    ...sessionOperations(db, run),
    ...linkAndAttemptOperations(db, run),
    ...auditOperations(db, run),
  };
}

export type { AuditRecord };
