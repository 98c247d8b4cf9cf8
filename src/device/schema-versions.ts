// The device database's schema, version by version.
//
// Never edit a version that has shipped: a device that already has it will not run it again, so
// an edit would leave devices with different schemas under the same number. Append a new version
// with its stores (only the tables that change) and an upgrade that moves existing rows.
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  /** Dexie's `stores()` spec: primary key first, then indexes; null deletes a table. */
  stores: Readonly<Record<string, string | null>>;
  /** Rewrites existing rows to the new shape; runs once, inside the version change. */
  upgrade?: (transaction: Transaction) => PromiseLike<unknown> | void;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      definitions: 'key',
      responses: 'id, definitionKey, status, updatedAt',
      answers: '[responseId+itemId], responseId',
    },
  },
  {
    // Orders claimed from the register, the device's signing key, and the outbox of sealed submissions.
    version: 2,
    stores: {
      responses: 'id, definitionKey, status, updatedAt, orderId',
      orders: 'id',
      deviceKeys: 'id',
      outbox: 'submissionId, orderId, responseId, status',
    },
    upgrade: (transaction) =>
      transaction
        .table('responses')
        .toCollection()
        .modify((response: Record<string, unknown>) => {
          response.orderId ??= null;
        }),
  },
  {
    // Responses record the support notices shown while answering.
    version: 3,
    stores: {},
    upgrade: (transaction) =>
      transaction
        .table('responses')
        .toCollection()
        .modify((response: Record<string, unknown>) => {
          response.noticesShown ??= [];
        }),
  },
  {
    // Shared tablets: the tablet's set-up, and responses whose drafts are encrypted under the patient's code.
    version: 4,
    stores: {
      responses: 'id, definitionKey, status, updatedAt, orderId, vaultTag',
      settings: 'id',
    },
    upgrade: (transaction) =>
      transaction
        .table('responses')
        .toCollection()
        .modify((response: Record<string, unknown>) => {
          response.vaultTag ??= null;
        }),
  },
  {
    // The sync engine picks the next due submission by index instead of reading the whole outbox.
    version: 5,
    stores: {
      outbox: 'submissionId, orderId, responseId, status, [status+nextAttemptAt+createdAt]',
    },
  },
  {
    // A shared tablet's unit is one field, `unit`, instead of the same value twice (`unitId`, `unitName`).
    version: 6,
    stores: {},
    upgrade: (transaction) =>
      transaction
        .table('settings')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          if (!('unitId' in row) && !('unitName' in row)) return;
          row.unit ??= row.unitName ?? row.unitId;
          delete row.unitId;
          delete row.unitName;
        }),
  },
  {
    // "My answers over time": the scores the patient may see, kept on their own phone (progress.ts).
    version: 7,
    stores: {
      progress: 'responseId, definitionId, completedAt',
    },
  },
];

/**
 * What Dexie is told: each version that has an upgrade, and the newest, with every table's spec as of
 * that version (a version's own stores list only what changed). Dexie reads the schema a device has
 * from the database itself, so versions with nothing to run need not be declared; each declaration
 * costs the app's start (Dexie rebuilds its tables for it).
 */
export function declaredVersions(versions: readonly SchemaVersion[] = schemaVersions): SchemaVersion[] {
  const declared: SchemaVersion[] = [];
  let stores: Record<string, string | null> = {};
  versions.forEach((version, index) => {
    stores = { ...stores, ...version.stores };
    if (version.upgrade || index === versions.length - 1) declared.push({ ...version, stores });
  });
  return declared;
}
