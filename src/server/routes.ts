// The register's HTTP API. Routes only parse, authorise and answer; the work is in register.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApiError,
  claimRequest,
  createEnrolmentRequest,
  createOrderRequest,
  enrolTabletRequest,
  submitRequest,
  tabletClaimRequest,
} from '../core/index.js';
import { ApiFailure } from './errors.js';
import { exportedSubmission, toCsv, type ExportRow } from './export.js';
import type { Register } from './register.js';
import type { RegisterStore } from './store/store.js';

export interface RouteOptions {
  register: Register;
  store: RegisterStore;
  staffToken: string;
}

function parseBody<T>(schema: z.core.$ZodType<T>, body: unknown): T {
  const result = z.safeParse(schema, body);
  if (!result.success)
    throw new ApiFailure(
      400,
      ApiError.badRequest,
      'The request body does not have the expected fields',
      result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
    );
  return result.data;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Logs a refusal by its code only: never the code typed, the token or what it holds. */
async function logRefusal<T>(request: FastifyRequest, message: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiFailure && error.status < 500) request.log.info({ outcome: error.code }, message);
    throw error;
  }
}

export async function registerRoutes(app: FastifyInstance, { register, store, staffToken }: RouteOptions): Promise<void> {
  const expected = digest(staffToken);
  const requireStaff = async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!timingSafeEqual(digest(token), expected))
      throw new ApiFailure(401, ApiError.unauthorized, 'A valid staff token is needed (Authorization: Bearer …)');
  };
  const query = z.object({ patientRef: z.string().optional(), orderId: z.string().optional(), questionnaire: z.string().optional() });

  // Checked on arrival, before a body is read: a caller without the token gets no further.
  app.post('/api/orders', { onRequest: requireStaff }, async (request, reply) => {
    const created = await register.createOrder(parseBody(createOrderRequest, request.body));
    request.log.info({ orderId: created.order.id }, 'order created');
    return reply.code(201).send(created);
  });

  app.get('/api/orders', { onRequest: requireStaff }, async (request) => {
    const { patientRef } = parseBody(query, request.query);
    return { orders: await register.listOrders(patientRef) };
  });

  app.post('/api/orders/:id/release', { onRequest: requireStaff }, async (request) => {
    const { id } = parseBody(z.object({ id: z.string() }), request.params);
    await register.releaseOrder(id);
    request.log.info({ orderId: id }, 'order released');
    return { released: id };
  });

  app.post('/api/claim', async (request) => {
    const answer = await logRefusal(request, 'claim refused', register.claim(parseBody(claimRequest, request.body), request.ip));
    request.log.info({ orderId: answer.order.id }, 'order claimed');
    return answer;
  });

  app.post('/api/submissions', async (request, reply) => {
    const { token } = parseBody(submitRequest, request.body);
    const received = await logRefusal(request, 'submission refused', register.receive(token));
    const { submissionId } = received.submission;
    if (received.scoresDiffer) request.log.warn({ submissionId }, 'the device scored differently; the register keeps its own scores');
    request.log.info({ submissionId, outcome: received.isNew ? 'stored' : 'alreadyStored' }, 'submission acknowledged');
    return reply.code(received.isNew ? 201 : 200).send(received.response);
  });

  // Shared tablets: staff make an enrolment code for a unit; a tablet exchanges it for its own token.
  app.post('/api/enrolments', { onRequest: requireStaff }, async (request, reply) =>
    reply.code(201).send(await register.createEnrolment(parseBody(createEnrolmentRequest, request.body).unit)),
  );
  app.post('/api/tablets', async (request, reply) => {
    const enrolled = await register.enrolTablet(parseBody(enrolTabletRequest, request.body).code, request.ip);
    request.log.info({ unit: enrolled.unit }, 'tablet enrolled');
    return reply.code(201).send(enrolled);
  });
  const tabletToken = (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? header.slice(7) : '';
  };
  app.get('/api/tablets/orders', async (request) => ({ orders: await register.listUnitOrders(tabletToken(request)) }));
  app.post('/api/tablets/claim', async (request) => {
    const { orderId, deviceKey } = parseBody(tabletClaimRequest, request.body);
    const answer = await register.claimForTablet(tabletToken(request), orderId, deviceKey);
    request.log.info({ orderId }, 'order claimed on a tablet');
    return answer;
  });

  const submissions = async (request: FastifyRequest) => {
    const { patientRef, orderId, questionnaire } = parseBody(query, request.query);
    if (questionnaire !== undefined && !(await register.definitionFor(questionnaire)))
      throw new ApiFailure(400, ApiError.unknownQuestionnaire, `No order has used ${questionnaire}`);
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

  app.get('/api/submissions', { onRequest: requireStaff }, async (request) => ({
    submissions: (await submissions(request)).map(exportedSubmission).map(withoutToken),
  }));
  app.get('/api/export.json', { onRequest: requireStaff }, async (request, reply) =>
    reply
      .header('Content-Disposition', 'attachment; filename="submissions.json"')
      .send({ submissions: (await submissions(request)).map(exportedSubmission) }),
  );
  app.get('/api/export.csv', { onRequest: requireStaff }, async (request, reply) =>
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="submissions.csv"')
      .send(
        await (async () => {
          const rows = await submissions(request);
          return toCsv(rows, await definitionsOf(rows, parseBody(query, request.query).questionnaire));
        })(),
      ),
  );
}
