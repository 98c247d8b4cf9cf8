// The register's HTTP API. Each route comes from its entry in the protocol's table (registerApi):
// routes only authorise (the staff authenticator, from the table), parse (with the table's schemas),
// record staff reads and changes in the audit trail, and answer; the work is in register.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, registerApi, type ParsedDefinition } from '../core/index.js';
import type { IndicatorFile } from '../core/indicators/index.js';
import { consoleRoutes } from './console-routes.js';
import { isoBmiScoresOf } from './iso-bmi-scores.js';
import { endpointRoutes, type Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { exportedSubmission } from './export.js';
import { exportRoutes } from './export-routes.js';
import { planRoutes } from './plan-routes.js';
import type { Register } from './register.js';
import { principalOf, unitToCreateIn, visibleUnits } from './staff-access.js';
import { bearerToken } from './staff-auth.js';
import type { StaffServices } from './staff-services.js';
import type { RegisterStore } from './store/store.js';

export interface RouteOptions {
  register: Register;
  store: RegisterStore;
  staff: StaffServices;
  /** The questionnaires new orders may use, for the console's order form. */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
  /** The registers' quality indicators: which scores the console shows with their iso-BMI. */
  indicators?: readonly IndicatorFile[];
}

/** Logs a refusal by its code only: never the code typed, the token or what it holds. */
async function logRefusal<T>(request: FastifyRequest, message: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiFailure && error.status < 500) request.log.info({ outcome: error.code }, message);
    throw error;
  }
}

/** Staff: orders, enrolment codes for a unit's tablets, and the tablets; a clinician's own units only. */
function staffRoutes(route: Route, register: Register, { audit }: StaffServices): void {
  route(registerApi.createOrder, async ({ body }, request, reply) => {
    const unit = unitToCreateIn(principalOf(request), body.unit);
    const event = { action: 'orders.create', patientRef: body.patientRef, unit: unit ?? null };
    const created = await audit.around(
      request,
      event,
      () => register.createOrder({ ...body, ...(unit !== undefined ? { unit } : {}) }),
      (made) => ({ objects: { orderId: made.order.id } }),
    );
    request.log.info({ orderId: created.order.id }, 'order created');
    return reply.code(201).send(created);
  });
  route(registerApi.listOrders, async ({ query }, request) => {
    const orders = await register.listOrders(query.patientRef, visibleUnits(request.staff));
    await audit.record(
      principalOf(request),
      { action: 'orders.list', objects: { ...query, count: orders.length }, patientRef: query.patientRef ?? null },
      request,
    );
    return { orders };
  });
  route(registerApi.releaseOrder, async ({ params }, request) => {
    const order = await audit.around(
      request,
      { action: 'orders.release', objects: { orderId: params.id } },
      () => register.releaseOrder(params.id, visibleUnits(request.staff)),
      (order) => ({ patientRef: order.patientRef, unit: order.unit }),
    );
    request.log.info({ orderId: params.id }, 'order released');
    return { released: order.id };
  });
  route(registerApi.createEnrolment, async ({ body }, request, reply) => {
    const unit = unitToCreateIn(principalOf(request), body.unit) ?? body.unit;
    const enrolment = await audit.around(request, { action: 'enrolments.create', unit }, () => register.createEnrolment({ ...body, unit }));
    return reply.code(201).send(enrolment);
  });
  route(registerApi.listTablets, async ({ query }, request) => {
    const tablets = await register.listTablets(query.unit, visibleUnits(request.staff));
    await audit.record(
      principalOf(request),
      { action: 'tablets.list', objects: { count: tablets.length }, unit: query.unit ?? null },
      request,
    );
    return { tablets };
  });
  route(registerApi.revokeTablet, async ({ params }, request) => {
    const revoked = await audit.around(request, { action: 'tablets.revoke', objects: { tabletId: params.id } }, () =>
      register.revokeTablet(params.id, visibleUnits(request.staff)),
    );
    request.log.info({ tabletId: params.id }, 'tablet revoked');
    return revoked;
  });
}

/** The patient's device, and a unit's shared tablet (its own token as the bearer). */
function deviceRoutes(route: Route, register: Register): void {
  route(registerApi.claim, async ({ body }, request) => {
    const answer = await logRefusal(request, 'claim refused', register.claim(body, request.ip));
    request.log.info({ orderId: answer.order.id }, 'order claimed');
    return answer;
  });
  route(registerApi.submit, async ({ body }, request, reply) => {
    const received = await logRefusal(request, 'submission refused', register.receive(body.token));
    const { submissionId } = received.submission;
    if (received.scoresDiffer) request.log.warn({ submissionId }, 'the device scored differently; the register keeps its own scores');
    if (received.timeFlags.length)
      request.log.warn(
        { submissionId, timeFlags: received.timeFlags },
        "the submission's times do not fit the register's clock or the order; kept, flagged",
      );
    request.log.info({ submissionId, outcome: received.isNew ? 'stored' : 'alreadyStored' }, 'submission acknowledged');
    return reply.code(received.isNew ? 201 : 200).send(received.response);
  });
  // Shared tablets: staff make an enrolment code for a unit; a tablet exchanges it for its own token.
  route(registerApi.enrolTablet, async ({ body }, request, reply) => {
    const enrolled = await logRefusal(request, 'tablet enrolment refused', register.enrolTablet(body, request.ip));
    request.log.info({ unit: enrolled.unit }, 'tablet enrolled');
    return reply.code(201).send(enrolled);
  });
  route(registerApi.listUnitOrders, async (_input, request) => ({
    orders: await logRefusal(request, 'tablet refused', register.listUnitOrders(bearerToken(request))),
  }));
  route(registerApi.claimForTablet, async ({ body }, request) => {
    const answer = await logRefusal(request, 'tablet refused', register.claimForTablet(bearerToken(request), body.orderId, body.deviceKey));
    request.log.info({ orderId: body.orderId }, 'order claimed on a tablet');
    return answer;
  });
}

/** Staff: what has arrived, as a list (without the sealed originals); the exports are export-routes.ts. */
function submissionRoutes(route: Route, register: Register, store: RegisterStore, { audit }: StaffServices): void {
  route(registerApi.listSubmissions, async ({ query: { patientRef, orderId, questionnaire } }, request) => {
    if (questionnaire !== undefined && !(await register.definitionFor(questionnaire)))
      throw new ApiFailure(ApiError.unknownQuestionnaire, `No order has used ${questionnaire}`);
    const units = visibleUnits(request.staff);
    const rows = await store.listSubmissions({
      ...(patientRef !== undefined ? { patientRef } : {}),
      ...(orderId !== undefined ? { orderId } : {}),
      ...(questionnaire !== undefined ? { definitionKey: questionnaire } : {}),
      ...(units !== 'all' ? { units } : {}),
    });
    const objects = { patientRef, orderId, questionnaire, count: rows.length, submissionIds: rows.map((row) => row.submissionId) };
    await audit.record(principalOf(request), { action: 'submissions.list', objects, patientRef: patientRef ?? null }, request);
    return { submissions: rows.map(exportedSubmission).map(({ token: _token, ...rest }) => rest) };
  });
}

/** Touches the store so a broken database shows; tells the public nothing about what it holds. */
function healthRoute(route: Route, store: RegisterStore): void {
  route(registerApi.health, async (_input, _request, reply) => {
    if (await store.ping()) return { status: 'ok' };
    return reply.code(503).send({ status: 'unavailable' });
  });
}

export async function registerRoutes(
  app: FastifyInstance,
  { register, store, staff, definitions = new Map(), indicators = [] }: RouteOptions,
): Promise<void> {
  const route = endpointRoutes(app, staff.guardFor);
  consoleRoutes(route, { register, store, definitions, audit: staff.audit, isoBmiScores: isoBmiScoresOf(indicators) });
  staffRoutes(route, register, staff);
  deviceRoutes(route, register);
  submissionRoutes(route, register, store, staff);
  exportRoutes(route, register, store, staff);
  planRoutes(route, register, staff);
  healthRoute(route, store);
}
