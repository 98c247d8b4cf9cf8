// The staff console's data routes (staffApi's console entries): each passes the units the signed-in
// staff member may see (another unit's order or submission is "not found") and records what it read
// or changed in the audit trail.
import { registerApi, type ParsedDefinition } from '../core/index.js';
import { alertRoutes } from './alert-routes.js';
import type { Audit } from './audit.js';
import type { Route } from './endpoint-route.js';
import { consoleDesk } from './register-console.js';
import type { Register } from './register.js';
import { principalOf, visibleUnits } from './staff-access.js';
import type { RegisterStore } from './store/store.js';
import type { IsoBmiScores } from './iso-bmi-scores.js';
import { patientCourse } from './patient-course.js';
import { submissionDetail } from './submission-detail.js';

export interface ConsoleRouteOptions {
  register: Register;
  store: RegisterStore;
  definitions: ReadonlyMap<string, ParsedDefinition>;
  audit: Audit;
  now?: () => Date;
  /** The scores shown with their iso-BMI (from the indicator files). */
  isoBmiScores?: IsoBmiScores;
}

function orderRoutes(route: Route, desk: ReturnType<typeof consoleDesk>, audit: Audit): void {
  route(registerApi.consoleOrders, async ({ query }, request) => {
    const answer = await desk.listOrders(query, visibleUnits(request.staff));
    const objects = { ...query, orderIds: answer.orders.map((order) => order.id) };
    await audit.record(principalOf(request), { action: 'orders.list', objects, patientRef: query.patientRef ?? null }, request);
    return answer;
  });
  route(registerApi.extendOrder, async ({ params, body }, request) => {
    const answer = await audit.around(
      request,
      { action: 'orders.extend', objects: { orderId: params.id, validUntil: body.validUntil } },
      () => desk.extendOrder(params.id, body.validUntil, visibleUnits(request.staff)),
      ({ order }) => ({ patientRef: order.patientRef, unit: order.unit }),
    );
    request.log.info({ orderId: params.id }, 'order extended');
    return answer;
  });
  route(registerApi.cancelOrder, async ({ params }, request) => {
    const answer = await audit.around(
      request,
      { action: 'orders.cancel', objects: { orderId: params.id } },
      () => desk.cancelOrder(params.id, visibleUnits(request.staff)),
      ({ order }) => ({ patientRef: order.patientRef, unit: order.unit }),
    );
    request.log.info({ orderId: params.id }, 'order cancelled');
    return answer;
  });
}

export function consoleRoutes(
  route: Route,
  { register, store, definitions, audit, now = () => new Date(), isoBmiScores = new Set() }: ConsoleRouteOptions,
): void {
  const desk = consoleDesk({ store, definitions, now });
  orderRoutes(route, desk, audit);
  // The published questionnaires: no personal data, not audited.
  route(registerApi.consoleQuestionnaires, async () => ({ questionnaires: desk.questionnaires() }));
  route(registerApi.submissionDetail, async ({ params }, request) =>
    audit.around(
      request,
      { action: 'submissions.read', objects: { submissionId: params.submissionId } },
      () =>
        submissionDetail({ store, definitionFor: register.definitionFor, isoBmiScores }, params.submissionId, visibleUnits(request.staff)),
      (detail) => ({ objects: { orderId: detail.orderId }, patientRef: detail.patientRef, unit: detail.unit }),
    ),
  );

  alertRoutes(route, { store, audit, now });

  route(registerApi.patientCourse, async ({ params: { patientRef }, query }, request) =>
    audit.around(
      request,
      { action: 'patients.course', objects: { patientRef } },
      () =>
        patientCourse(
          { store, definitionFor: register.definitionFor, isoBmiScores },
          patientRef,
          visibleUnits(request.staff),
          query.language ?? 'nb',
        ),
      () => ({ patientRef }),
    ),
  );
}
