// Staff's routes for measurement plans: enrolments, events, pausing and ending, and coverage as JSON
// and CSV. Every caller with the staff token sees every unit ('all') until staff roles narrow it.
import { registerApi } from '../core/index.js';
import { coverageCsv } from './coverage.js';
import type { Route } from './endpoint-route.js';
import type { Register } from './register.js';

const allUnits = 'all';

export function planRoutes(route: Route, register: Register): void {
  route(registerApi.enrolInPlan, async ({ body }, request, reply) => {
    const enrolment = await register.enrolInPlan(body, allUnits);
    request.log.info({ planEnrolmentId: enrolment.id, plan: enrolment.plan }, 'patient enrolled in a plan');
    return reply.code(201).send({ enrolment });
  });
  route(registerApi.listPlanEnrolments, async ({ query }) => ({
    enrolments: await register.listPlanEnrolments(
      {
        ...(query.patientRef !== undefined ? { patientRef: query.patientRef } : {}),
        ...(query.unit !== undefined ? { unit: query.unit } : {}),
      },
      allUnits,
    ),
  }));
  route(registerApi.recordPlanEvent, async ({ params, body }, request, reply) => {
    const enrolment = await register.recordPlanEvent(params.id, body, allUnits);
    request.log.info({ planEnrolmentId: params.id, event: body.name }, 'plan event recorded');
    return reply.code(201).send({ enrolment });
  });
  route(registerApi.pausePlanEnrolment, async ({ params }) => ({ enrolment: await register.pausePlanEnrolment(params.id, allUnits) }));
  route(registerApi.resumePlanEnrolment, async ({ params }) => ({ enrolment: await register.resumePlanEnrolment(params.id, allUnits) }));
  route(registerApi.endPlanEnrolment, async ({ params }, request) => {
    const enrolment = await register.endPlanEnrolment(params.id, allUnits);
    request.log.info({ planEnrolmentId: params.id }, 'plan enrolment ended');
    return { enrolment };
  });
  route(registerApi.coverageJson, async ({ query }) => {
    const period = query.period ?? 'month';
    return { period, groups: await register.coverage(period, allUnits) };
  });
  route(registerApi.coverageCsv, async ({ query }, _request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="coverage.csv"');
    return coverageCsv(await register.coverage(query.period ?? 'month', allUnits));
  });
}
