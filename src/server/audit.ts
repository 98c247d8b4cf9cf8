// The audit trail: every read or change of personal data on a staff route, every sign-in (failed
// ones too) and every account change is appended, with who, their role, the unit, what, when, from
// where and the result. Never answers, passwords, codes or tokens: objects name things by id.
import type { FastifyRequest } from 'fastify';
import { appendAudit, canonicalJson } from './audit-chain.js';
import { ApiFailure } from './errors.js';
import type { StaffPrincipal } from './staff-access.js';
import type { RegisterStore } from './store/store.js';

export interface AuditEvent {
  /** e.g. `orders.list`, `session.signIn`, `accounts.update`. */
  action: string;
  /** What it is about, by id: order, submission, export, account, tablet … */
  objects?: Record<string, unknown>;
  /** `ok`, or the refusal's code; default ok. */
  result?: string;
  unit?: string | null;
  patientRef?: string | null;
}

export interface Audit {
  /** `principal` null: nobody signed in (a failed sign-in); `actorName` then names whom it tried to be. */
  record(
    principal: StaffPrincipal | null,
    event: AuditEvent,
    request: Pick<FastifyRequest, 'ip'> | null,
    actorName?: string,
  ): Promise<void>;
  /**
   * Runs the work and records it: ok (with what `eventOf` adds from the answer: a new id, the order's patient),
   * or the code of the refusal it ended in (then throws that again).
   */
  around<T>(request: FastifyRequest, event: AuditEvent, work: () => Promise<T>, eventOf?: (answer: T) => Partial<AuditEvent>): Promise<T>;
}

export function createAudit(store: Pick<RegisterStore, 'staffTransaction'>, now: () => Date): Audit {
  const record: Audit['record'] = async (principal, event, request, actorName) => {
    await appendAudit(store, {
      at: now().toISOString(),
      actor_kind: principal ? principal.kind : 'anonymous',
      actor_id: principal?.id ?? null,
      actor_name: principal?.name ?? actorName ?? null,
      role: principal ? principal.roles.join(',') : null,
      unit: event.unit ?? null,
      action: event.action,
      objects: canonicalJson(event.objects ?? {}),
      patient_ref: event.patientRef ?? null,
      address: request?.ip ?? 'local',
      result: event.result ?? 'ok',
    });
  };
  return {
    record,
    async around(request, event, work, eventOf) {
      try {
        const answer = await work();
        const extra = eventOf?.(answer) ?? {};
        await record(request.staff ?? null, { ...event, ...extra, objects: { ...event.objects, ...extra.objects } }, request);
        return answer;
      } catch (error) {
        if (error instanceof ApiFailure && error.status < 500)
          await record(request.staff ?? null, { ...event, result: error.code }, request);
        throw error;
      }
    },
  };
}
