// The queries on the path of every submission, compiled once per store (compiled-once.ts).
import type { Selectable } from 'kysely';
import { compiledOnce } from './compiled-once.js';
import type { SubmissionsTable } from './schema.js';

export const submissionById = () =>
  compiledOnce<'id', Selectable<SubmissionsTable>>((db, value) =>
    db.selectFrom('submissions').selectAll().where('submission_id', '=', value('id')),
  );
export const submissionInsert = () =>
  compiledOnce<keyof SubmissionsTable, never>((db, value) =>
    db
      .insertInto('submissions')
      .values({
        submission_id: value('submission_id'),
        order_id: value('order_id'),
        questionnaire_key: value('questionnaire_key'),
        definition_hash: value('definition_hash'),
        token: value('token'),
        token_hash: value('token_hash'),
        payload_hash: value('payload_hash'),
        device_thumbprint: value('device_thumbprint'),
        device_key: value('device_key'),
        answers: value('answers'),
        scores: value('scores'),
        device_scores: value('device_scores'),
        notices_shown: value('notices_shown'),
        language: value('language'),
        started_at: value('started_at'),
        completed_at: value('completed_at'),
        app_version: value('app_version'),
        received_at: value('received_at'),
        receipt: value('receipt'),
        duplicate_of: value('duplicate_of'),
        time_flags: value('time_flags'),
      })
      // The primary key and the one answer per questionnaire of an order (migration 0002) decide,
      // across every instance: a concurrent insert of the same id, or to the same questionnaire,
      // waits for the first to commit and then inserts nothing.
      .onConflict((oc) => oc.doNothing()),
  );
export const answerTo = () =>
  compiledOnce<'orderId' | 'definitionKey', Selectable<SubmissionsTable>>((db, value) =>
    db
      .selectFrom('submissions')
      .selectAll()
      .where('order_id', '=', value('orderId'))
      .where('questionnaire_key', '=', value('definitionKey'))
      .where('duplicate_of', 'is', null),
  );
export const deviceTimes = () =>
  compiledOnce<'thumbprint' | 'since', { received_at: string }>((db, value) =>
    db
      .selectFrom('submissions')
      .select('received_at')
      .where('device_thumbprint', '=', value('thumbprint'))
      .where('received_at', '>=', value('since'))
      .orderBy('received_at'),
  );
