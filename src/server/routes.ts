// The register's HTTP API. Routes only parse, authorise and answer; the work is in register.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, claimRequest, createEnrolmentRequest, createOrderRequest, enrolTabletRequest, submitRequest, tabletClaimRequest } from '../core/index.js';
import { ApiFailure } from './errors.js';
import { toCsv } from './export.js';
import type { Register } from './register.js';
import type { RegisterStore } from './store/store.js';

export interface RouteOptions {
  register: Register;
  store: RegisterStore;
  staffToken: string;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new ApiFailure(400, ApiError.badRequest, 'The request body does not have the expected fields', result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`));
  return result.data;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export async function registerRoutes(app: FastifyInstance, { register, store, staffToken }: RouteOptions): Promise<void> {
  const expected = digest(staffToken);
  const requireStaff = async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!timingSafeEqual(digest(token), expected)) throw new ApiFailure(401, ApiError.unauthorized, 'A valid staff token is needed (Authorization: Bearer …)');
  };
  const query = z.object({ patientRef: z.string().optional(), orderId: z.string().optional(), questionnaire: z.string().optional() });

  app.post('/api/orders', { preHandler: requireStaff }, async (request, reply) => {
    const created = await register.createOrder(parseBody(createOrderRequest, request.body));
    request.log.info({ orderId: created.order.id }, 'order created');
    return reply.code(201).send(created);
  });

  app.get('/api/orders', { preHandler: requireStaff }, async (request) => {
    const { patientRef } = parseBody(query, request.query);
    return { orders: await register.listOrders(patientRef) };
  });

  app.post('/api/orders/:id/release', { preHandler: requireStaff }, async (request) => {
    const { id } = parseBody(z.object({ id: z.string() }), request.params);
    await register.releaseOrder(id);
    request.log.info({ orderId: id }, 'order released');
    return { released: id };
  });

  app.post('/api/claim', async (request) => {
    const answer = await register.claim(parseBody(claimRequest, request.body), request.ip);
    request.log.info({ orderId: answer.order.id }, 'order claimed');
    return answer;
  });

  app.post('/api/submissions', async (request, reply) => {
    const { token } = parseBody(submitRequest, request.body);
    const received = await register.receive(token);
    if (received.scoresDiffer) request.log.warn({ submissionId: received.submission.submissionId }, 'the device scored differently; the register keeps its own scores');
    request.log.info({ submissionId: received.submission.submissionId, isNew: received.isNew }, 'submission acknowledged');
    return reply.code(received.isNew ? 201 : 200).send(received.response);
  });

  // Shared tablets: staff make an enrolment code for a unit; a tablet exchanges it for its own token.
  app.post('/api/enrolments', { preHandler: requireStaff }, async (request, reply) =>
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
    return store.listSubmissions({
      ...(patientRef !== undefined ? { patientRef } : {}),
      ...(orderId !== undefined ? { orderId } : {}),
      ...(questionnaire !== undefined ? { questionnaireKey: questionnaire } : {}),
    });
  };
  const withoutToken = <T extends { token: string }>({ token: _token, ...rest }: T) => rest;

  app.get('/api/submissions', { preHandler: requireStaff }, async (request) => ({ submissions: (await submissions(request)).map(withoutToken) }));
  app.get('/api/export.json', { preHandler: requireStaff }, async (request, reply) =>
    reply.header('Content-Disposition', 'attachment; filename="submissions.json"').send({ submissions: await submissions(request) }),
  );
  app.get('/api/export.csv', { preHandler: requireStaff }, async (request, reply) =>
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="submissions.csv"')
      .send(toCsv(await submissions(request))),
  );
}
