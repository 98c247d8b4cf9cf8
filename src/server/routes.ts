// The register's HTTP API. Each route comes from its entry in the protocol's table (registerApi):
// routes only authorise (staffOnly, from the table), parse (with the table's schemas) and answer; the
// work is in register.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, registerApi, type SubmissionsQuery } from '../core/index.js';
import { endpointRoutes, type Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { exportedSubmission, toCsv, type ExportRow } from './export.js';
import { planRoutes } from './plan-routes.js';
import type { Register } from './register.js';
import { bearerToken, staffOnly } from './staff-only.js';
import type { RegisterStore } from './store/store.js';

export interface RouteOptions {
  register: Register;
  store: RegisterStore;
  staffToken: string;
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

/** Staff: orders, enrolment codes for a unit's tablets, and the tablets. */
function staffRoutes(route: Route, register: Register): void {
  route(registerApi.createOrder, async ({ body }, request, reply) => {
    const created = await register.createOrder(body);
    request.log.info({ orderId: created.order.id }, 'order created');
    return reply.code(201).send(created);
  });
  route(registerApi.listOrders, async ({ query }) => ({ orders: await register.listOrders(query.patientRef) }));
  route(registerApi.releaseOrder, async ({ params }, request) => {
    await register.releaseOrder(params.id);
    request.log.info({ orderId: params.id }, 'order released');
    return { released: params.id };
  });
  route(registerApi.createEnrolment, async ({ body }, _request, reply) => reply.code(201).send(await register.createEnrolment(body)));
  route(registerApi.listTablets, async ({ query }) => ({ tablets: await register.listTablets(query.unit) }));
  route(registerApi.revokeTablet, async ({ params }, request) => {
    const revoked = await register.revokeTablet(params.id);
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

/** Staff: what has arrived, as a list (without the sealed originals), as JSON and as CSV. */
function exportRoutes(route: Route, register: Register, store: RegisterStore): void {
  const submissions = async ({ patientRef, orderId, questionnaire }: SubmissionsQuery) => {
    if (questionnaire !== undefined && !(await register.definitionFor(questionnaire)))
      throw new ApiFailure(ApiError.unknownQuestionnaire, `No order has used ${questionnaire}`);
    return store.listSubmissions({
      ...(patientRef !== undefined ? { patientRef } : {}),
      ...(orderId !== undefined ? { orderId } : {}),
      ...(questionnaire !== undefined ? { definitionKey: questionnaire } : {}),
    });
  };
  /** The definitions whose items become columns: the one asked for, or those of every row. */
  const definitionsOf = async (rows: ExportRow[], questionnaire: string | undefined) => {
    const keys = questionnaire !== undefined ? [questionnaire] : [...new Set(rows.map((row) => row.definitionKey))];
    const found = await Promise.all(keys.map((key) => register.definitionFor(key)));
    return found.filter((parsed) => parsed !== undefined);
  };
  const withoutToken = <T extends { token: string }>({ token: _token, ...rest }: T) => rest;

  route(registerApi.listSubmissions, async ({ query }) => ({
    submissions: (await submissions(query)).map(exportedSubmission).map(withoutToken),
  }));
  route(registerApi.exportJson, async ({ query }, _request, reply) =>
    reply
      .header('Content-Disposition', 'attachment; filename="submissions.json"')
      .send({ submissions: (await submissions(query)).map(exportedSubmission) }),
  );
  route(registerApi.exportCsv, async ({ query }, _request, reply) => {
    const rows = await submissions(query);
    reply.header('Content-Disposition', 'attachment; filename="submissions.csv"');
    return toCsv(rows, await definitionsOf(rows, query.questionnaire));
  });
}

/** Touches the store so a broken database shows; tells the public nothing about what it holds. */
function healthRoute(route: Route, store: RegisterStore): void {
  route(registerApi.health, async (_input, _request, reply) => {
    if (await store.ping()) return { status: 'ok' };
    return reply.code(503).send({ status: 'unavailable' });
  });
}

export async function registerRoutes(app: FastifyInstance, { register, store, staffToken }: RouteOptions): Promise<void> {
  const route = endpointRoutes(app, staffOnly(staffToken));
  staffRoutes(route, register);
  deviceRoutes(route, register);
  exportRoutes(route, register, store);
  planRoutes(route, register);
  healthRoute(route, store);
}
