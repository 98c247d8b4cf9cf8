// Staff exports of what has arrived, streamed: CSV (one column per item and score), JSON, and FHIR
// R4 QuestionnaireResponses as NDJSON. A clinician's export holds only their own units' submissions.
// The audit trail records who exported what filter; the rows are read page by page (export-stream.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, registerApi, type ExportQuery } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { csvExport, fhirExport, jsonExport, streamOf, type ExportSource } from './export-stream.js';
import type { Register } from './register.js';
import { principalOf, visibleUnits } from './staff-access.js';
import type { StaffServices } from './staff-services.js';
import type { ExportFilter } from './store/export-operations.js';
import type { RegisterStore } from './store/store.js';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The day after (UTC), for an inclusive `to` day. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The store's filter for a query: received times in UTC, and only the caller's units (another unit's are none). */
export function exportFilterOf(query: ExportQuery, units: readonly string[] | 'all'): ExportFilter {
  const { patientRef, orderId, questionnaire, from, to, unit } = query;
  const seen = units === 'all' ? undefined : unit !== undefined ? units.filter((own) => own === unit) : units;
  return {
    ...(patientRef !== undefined ? { patientRef } : {}),
    ...(orderId !== undefined ? { orderId } : {}),
    ...(questionnaire !== undefined ? { definitionKey: questionnaire } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(seen !== undefined ? { units: seen } : {}),
    ...(from !== undefined ? { receivedFrom: isDay(from) ? from : new Date(from).toISOString() } : {}),
    ...(to !== undefined ? { receivedBefore: isDay(to) ? dayAfter(to) : new Date(to).toISOString() } : {}),
  };
}

export function exportRoutes(route: Route, register: Register, store: RegisterStore, { audit }: StaffServices): void {
  const source: ExportSource = { store, definitionFor: (key) => register.definitionFor(key) };
  const start = async (query: ExportQuery, request: FastifyRequest, action: string) => {
    if (query.questionnaire !== undefined && !(await register.definitionFor(query.questionnaire)))
      throw new ApiFailure(ApiError.unknownQuestionnaire, `No order has used ${query.questionnaire}`);
    const filter = exportFilterOf(query, visibleUnits(request.staff));
    // Recorded before the first row leaves: the filter says which submissions the export holds.
    await audit.record(principalOf(request), { action, objects: { ...query }, patientRef: query.patientRef ?? null }, request);
    return filter;
  };
  /** Returned, not sent: the route then gives it the endpoint's media type (endpoint-route.ts). */
  const send = (reply: FastifyReply, file: string, chunks: AsyncIterable<string>) => {
    reply.header('Content-Disposition', `attachment; filename="${file}"`);
    return streamOf(chunks);
  };

  route(registerApi.exportJson, async ({ query }, request, reply) => {
    const filter = await start(query, request, 'export.json');
    reply.type('application/json; charset=utf-8');
    return send(reply, 'submissions.json', jsonExport(source, filter));
  });
  route(registerApi.exportCsv, async ({ query }, request, reply) =>
    send(reply, 'submissions.csv', csvExport(source, await start(query, request, 'export.csv'))),
  );
  route(registerApi.exportFhir, async ({ query }, request, reply) =>
    send(reply, 'questionnaire-responses.ndjson', fhirExport(source, await start(query, request, 'export.fhir'))),
  );
}
