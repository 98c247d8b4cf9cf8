// The audit trail for administrators and register staff: newest first, filtered by person (account
// id or username), patient reference and period, in pages; and the same as CSV. Reading it is
// itself recorded: the trail names patient references.
import type { FastifyRequest } from 'fastify';
import { registerApi, type AuditEntry, type AuditQuery } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { csvCell } from './export.js';
import { principalOf } from './staff-access.js';
import type { StaffServices } from './staff-services.js';
import type { AuditFilter } from './store/staff-rows.js';
import type { RegisterStore } from './store/store.js';

const pageSize = 100;
const csvPage = 1000;

function filterOf(query: AuditQuery): AuditFilter {
  return {
    ...(query.actor !== undefined && query.actor !== '' ? { actor: query.actor } : {}),
    ...(query.patientRef !== undefined && query.patientRef !== '' ? { patientRef: query.patientRef } : {}),
    ...(query.from !== undefined ? { from: new Date(query.from).toISOString() } : {}),
    ...(query.to !== undefined ? { to: new Date(query.to).toISOString() } : {}),
    ...(query.cursor !== undefined ? { beforeSeq: Number(query.cursor) } : {}),
  };
}

const columns = [
  'seq',
  'at',
  'actorKind',
  'actorId',
  'actorName',
  'role',
  'unit',
  'action',
  'objects',
  'patientRef',
  'address',
  'result',
] as const;

function csvLine(entry: AuditEntry): string {
  return columns.map((column) => csvCell(column === 'objects' ? JSON.stringify(entry.objects) : entry[column])).join(',');
}

export function auditRoutes(route: Route, store: RegisterStore, { audit }: StaffServices): void {
  const recordRead = (request: FastifyRequest, action: string, query: AuditQuery, count: number) =>
    audit.record(principalOf(request), { action, objects: { ...query, count }, patientRef: query.patientRef ?? null }, request);

  route(registerApi.listAudit, async ({ query }, request) => {
    const found = await store.staff.listAudit(filterOf(query), pageSize + 1);
    const entries = found.slice(0, pageSize);
    await recordRead(request, 'audit.list', query, entries.length);
    const last = entries.at(-1);
    return { entries, nextCursor: found.length > pageSize && last ? String(last.seq) : null };
  });

  route(registerApi.exportAudit, async ({ query }, request, reply) => {
    const lines = [columns.map(csvCell).join(',')];
    let filter = filterOf(query);
    for (;;) {
      const page = await store.staff.listAudit(filter, csvPage);
      lines.push(...page.map(csvLine));
      const last = page.at(-1);
      if (page.length < csvPage || !last) break;
      filter = { ...filter, beforeSeq: last.seq };
    }
    await recordRead(request, 'audit.export', query, lines.length - 1);
    reply.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return lines.join('\r\n') + '\r\n';
  });
}
