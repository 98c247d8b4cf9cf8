// Staff's routes for measurement plans: enrolments, events, pausing and ending, and coverage as JSON
// and CSV. Each within the caller's units (a clinician's own; register staff and the service account
// every unit), and each read or change of an enrolment in the audit trail.
import type { FastifyRequest } from 'fastify';
import { registerApi, type PlanEnrolmentSummary } from '../core/index.js';
import { coverageCsv } from './coverage.js';
import type { Route } from './endpoint-route.js';
import type { Register } from './register.js';
import { visibleUnits } from './staff-access.js';
import type { StaffServices } from './staff-services.js';

/** What the audit trail records of an enrolment read or changed. */
type Audited = Pick<PlanEnrolmentSummary, 'id' | 'patientRef' | 'unit'>;

export function planRoutes(route: Route, register: Register, { audit }: StaffServices): void {
  /** Does the work within the caller's units, audited with the enrolment it touched. */
  const onEnrolment = <T extends Audited>(
    request: FastifyRequest,
    action: string,
    id: string | null,
    work: (units: ReturnType<typeof visibleUnits>) => Promise<T>,
  ) =>
    audit.around(
      request,
      { action, objects: id === null ? {} : { planEnrolmentId: id } },
      () => work(visibleUnits(request.staff)),
      (enrolment) => ({ objects: { planEnrolmentId: enrolment.id }, patientRef: enrolment.patientRef, unit: enrolment.unit }),
    );

  route(registerApi.enrolInPlan, async ({ body }, request, reply) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.create', null, (units) => register.enrolInPlan(body, units));
    request.log.info({ planEnrolmentId: enrolment.id, plan: enrolment.plan }, 'patient enrolled in a plan');
    return reply.code(201).send({ enrolment });
  });
  route(registerApi.listPlanEnrolments, async ({ query }, request) => {
    const filter = {
      ...(query.patientRef !== undefined ? { patientRef: query.patientRef } : {}),
      ...(query.unit !== undefined ? { unit: query.unit } : {}),
    };
    const enrolments = await register.listPlanEnrolments(filter, visibleUnits(request.staff));
    await audit.record(
      request.staff ?? null,
      {
        action: 'planEnrolments.list',
        objects: { count: enrolments.length },
        patientRef: query.patientRef ?? null,
        unit: query.unit ?? null,
      },
      request,
    );
    return { enrolments };
  });
  route(registerApi.recordPlanEvent, async ({ params, body }, request, reply) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.event', params.id, (units) =>
      register.recordPlanEvent(params.id, body, units),
    );
    request.log.info({ planEnrolmentId: params.id, event: body.name }, 'plan event recorded');
    return reply.code(201).send({ enrolment });
  });
  route(registerApi.pausePlanEnrolment, async ({ params }, request) => ({
    enrolment: await onEnrolment(request, 'planEnrolments.pause', params.id, (units) => register.pausePlanEnrolment(params.id, units)),
  }));
  route(registerApi.resumePlanEnrolment, async ({ params }, request) => ({
    enrolment: await onEnrolment(request, 'planEnrolments.resume', params.id, (units) => register.resumePlanEnrolment(params.id, units)),
  }));
  route(registerApi.endPlanEnrolment, async ({ params }, request) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.end', params.id, (units) => register.endPlanEnrolment(params.id, units));
    request.log.info({ planEnrolmentId: params.id }, 'plan enrolment ended');
    return { enrolment };
  });
  // Coverage holds counts only (groups under five suppressed): no personal data to audit.
  route(registerApi.coverageJson, async ({ query }, request) => {
    const period = query.period ?? 'month';
    return { period, groups: await register.coverage(period, visibleUnits(request.staff)) };
  });
  route(registerApi.coverageCsv, async ({ query }, request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="coverage.csv"');
    return coverageCsv(await register.coverage(query.period ?? 'month', visibleUnits(request.staff)));
  });
  planDetailRoutes(route, register, onEnrolment);
}

type OnEnrolment = <T extends Audited>(
  request: FastifyRequest,
  action: string,
  id: string | null,
  work: (units: ReturnType<typeof visibleUnits>) => Promise<T>,
) => Promise<T>;

/** The staff console's contract: the plans (no personal data), one enrolment in full, its contact, stopping its messages. */
function planDetailRoutes(route: Route, register: Register, onEnrolment: OnEnrolment): void {
  route(registerApi.listPlans, async () => ({ plans: register.listPlans() }));
  route(registerApi.getPlanEnrolment, async ({ params }, request) => ({
    enrolment: await onEnrolment(request, 'planEnrolments.read', params.id, (units) => register.getPlanEnrolment(params.id, units)),
  }));
  route(registerApi.setPlanContact, async ({ params, body }, request) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.contact', params.id, (units) =>
      register.setPlanContact(params.id, body, units),
    );
    // Which fields changed, never their values.
    request.log.info({ planEnrolmentId: params.id, fields: Object.keys(body) }, 'plan contact set');
    return { enrolment };
  });
  route(registerApi.stopPlanMessages, async ({ params }, request) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.stopMessages', params.id, (units) =>
      register.stopPlanMessages(params.id, units),
    );
    request.log.info({ planEnrolmentId: params.id, outcome: 'stopped', by: 'staff' }, 'messages stopped');
    return { enrolment };
  });
  route(registerApi.setPlanSubject, async ({ params, body }, request) => {
    const enrolment = await onEnrolment(request, 'planEnrolments.subject', params.id, (units) =>
      register.setPlanSubject(params.id, body, units),
    );
    // Register data: which fields changed, never their values.
    request.log.info({ planEnrolmentId: params.id, fields: Object.keys(body) }, 'plan subject set');
    return { enrolment };
  });
}
