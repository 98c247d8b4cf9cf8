// The staff console's data routes (staffApi's console entries). Each passes the units the caller may
// see; until staff sessions are wired in (staff-access.ts, branch auth) every caller is the service
// account, which sees every unit: `visibleUnits(request.staff)` replaces `allUnits` then.
import type { FastifyRequest } from 'fastify';
import { registerApi, type ParsedDefinition } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { consoleDesk, type VisibleUnits } from './register-console.js';
import type { Register } from './register.js';
import type { RegisterStore } from './store/store.js';
import { submissionDetail } from './submission-detail.js';

export interface ConsoleRouteOptions {
  register: Register;
  store: RegisterStore;
  definitions: ReadonlyMap<string, ParsedDefinition>;
  now?: () => Date;
}

const allUnits = (_request: FastifyRequest): VisibleUnits => 'all';

export function consoleRoutes(route: Route, { register, store, definitions, now = () => new Date() }: ConsoleRouteOptions): void {
  const desk = consoleDesk({ store, definitions, now });
  // audit: order.list (the patient reference searched for, the orders listed)
  route(registerApi.consoleOrders, async ({ query }, request) => desk.listOrders(query, allUnits(request)));
  // audit: order.extend (the order)
  route(registerApi.extendOrder, async ({ params, body }, request) => {
    const answer = await desk.extendOrder(params.id, body.validUntil, allUnits(request));
    request.log.info({ orderId: params.id }, 'order extended');
    return answer;
  });
  // audit: order.cancel (the order)
  route(registerApi.cancelOrder, async ({ params }, request) => {
    const answer = await desk.cancelOrder(params.id, allUnits(request));
    request.log.info({ orderId: params.id }, 'order cancelled');
    return answer;
  });
  // No personal data: not audited.
  route(registerApi.consoleQuestionnaires, async () => ({ questionnaires: desk.questionnaires() }));
  // audit: submission.read (the submission, its order and patient reference)
  route(registerApi.submissionDetail, async ({ params }, request) =>
    submissionDetail({ store, definitionFor: register.definitionFor }, params.submissionId, allUnits(request)),
  );
}
