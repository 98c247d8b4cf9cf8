// The register's database, one description for both SQLite and PostgreSQL: the row types Kysely
// checks every query against, and the same tables as data (keys, columns in order, kinds) for
// migrate-to-postgres, which copies and hashes them. Times are ISO text and JSON is text, on both
// databases; the only column types that differ are claim_attempts' id and is_success (see
// migrations.ts and dialect.ts).
import type { ColumnType, Generated } from 'kysely';
import { staffSchema, type StaffDatabase } from './schema-staff.js';

export type * from './schema-staff.js';

export interface DefinitionsTable {
  key: string;
  hash: string;
  json: string;
  stored_at: string;
}

export interface OrdersTable {
  id: string;
  patient_ref: string;
  measurement_point: string;
  /** JSON: the ordered questionnaires, `{ key, hash }` each. */
  questionnaires: string;
  valid_from: string;
  valid_until: string;
  created_at: string;
  code_hash: string;
  encryption_kid: string;
  unit: string | null;
  /** JSON: the claiming device's public key. */
  device_key: string | null;
  device_thumbprint: string | null;
  claimed_at: string | null;
  released_at: string | null;
  /** When staff cancelled the order (migration 0005); a cancelled order cannot be claimed. */
  cancelled_at: string | null;
}

/** 0/1 in SQLite, a boolean in PostgreSQL: written through the dialect's flag(). */
type Flag = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface ClaimAttemptsTable {
  id: Generated<number>;
  address: string;
  at: string;
  is_success: Flag;
}

export interface SubmissionsTable {
  submission_id: string;
  order_id: string;
  /** The `id@version` of the definition answered (`definitionKey` in the code). */
  questionnaire_key: string;
  definition_hash: string;
  token: string;
  token_hash: string;
  payload_hash: string;
  device_thumbprint: string | null;
  device_key: string | null;
  answers: string;
  scores: string | null;
  device_scores: string | null;
  notices_shown: string;
  language: string;
  started_at: string;
  completed_at: string;
  app_version: string;
  received_at: string;
  receipt: string;
}

export interface EnrolmentsTable {
  code_hash: string;
  unit: string;
  created_at: string;
  valid_until: string;
}

export interface TabletsTable {
  id: string;
  unit: string;
  token_hash: string;
  enrolled_at: string;
}

export interface Database extends StaffDatabase {
  definitions: DefinitionsTable;
  orders: OrdersTable;
  claim_attempts: ClaimAttemptsTable;
  submissions: SubmissionsTable;
  enrolments: EnrolmentsTable;
  tablets: TabletsTable;
}

export type ColumnKind = 'text' | 'nullableText' | 'integer' | 'boolean';

type TableShape<Row> = { key: keyof Row & string; columns: { [Column in keyof Row & string]: ColumnKind } };

/**
 * Every table, in an order that keeps foreign keys satisfied (orders before submissions), with its
 * primary key and its columns in copying order. `satisfies` ties it to the row types above: a
 * column added there and not here (or the other way round) does not compile.
 */
export const registerSchema = {
  definitions: { key: 'key', columns: { key: 'text', hash: 'text', json: 'text', stored_at: 'text' } },
  orders: {
    key: 'id',
    columns: {
      id: 'text',
      patient_ref: 'text',
      measurement_point: 'text',
      questionnaires: 'text',
      valid_from: 'text',
      valid_until: 'text',
      created_at: 'text',
      code_hash: 'text',
      encryption_kid: 'text',
      unit: 'nullableText',
      device_key: 'nullableText',
      device_thumbprint: 'nullableText',
      claimed_at: 'nullableText',
      released_at: 'nullableText',
      cancelled_at: 'nullableText',
    },
  },
  // Kept so the limits on guessing access codes hold across a move.
  claim_attempts: { key: 'id', columns: { id: 'integer', address: 'text', at: 'text', is_success: 'boolean' } },
  submissions: {
    key: 'submission_id',
    columns: {
      submission_id: 'text',
      order_id: 'text',
      questionnaire_key: 'text',
      definition_hash: 'text',
      token: 'text',
      token_hash: 'text',
      payload_hash: 'text',
      device_thumbprint: 'nullableText',
      device_key: 'nullableText',
      answers: 'text',
      scores: 'nullableText',
      device_scores: 'nullableText',
      notices_shown: 'text',
      language: 'text',
      started_at: 'text',
      completed_at: 'text',
      app_version: 'text',
      received_at: 'text',
      receipt: 'text',
    },
  },
  enrolments: { key: 'code_hash', columns: { code_hash: 'text', unit: 'text', created_at: 'text', valid_until: 'text' } },
  tablets: { key: 'id', columns: { id: 'text', unit: 'text', token_hash: 'text', enrolled_at: 'text' } },
  ...staffSchema,
} as const satisfies { [Table in keyof Database]: TableShape<Database[Table]> };
