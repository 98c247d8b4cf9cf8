// A Fastify route from its entry in the protocol's table of endpoints (registerApi): its method and
// path, the staff authenticator when the entry is a staff route (staff-auth.ts), its answer's media type, and the parsing of
// what arrives (path parameters, query, body) with the entry's schemas before the handler runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, type Endpoint } from '../core/index.js';
import { ApiFailure } from './errors.js';
import type { StaffGuard } from './staff-auth.js';

/** Any zod schema: the protocol's are zod/mini (the patient's bundle stays small), the server's own full zod. */
export function parseBody<T>(schema: z.core.$ZodType<T>, body: unknown): T {
  const result = z.safeParse(schema, body);
  if (!result.success)
    throw new ApiFailure(
      ApiError.badRequest,
      'The request body does not have the expected fields',
      result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
    );
  return result.data;
}

function parseParams<T>(schema: z.core.$ZodType<T>, params: unknown): T {
  const result = z.safeParse(schema, params);
  if (!result.success)
    throw new ApiFailure(
      ApiError.badRequest,
      'The address is not right',
      result.error.issues.map((i) => i.message),
    );
  return result.data;
}

type Parsed<E, Part extends 'body' | 'params' | 'query'> = E extends { readonly [K in Part]: infer S extends z.core.$ZodType }
  ? z.output<S>
  : undefined;

/** What arrived, parsed: each part the entry has a schema for, else undefined. */
export interface EndpointInput<E extends Endpoint> {
  params: Parsed<E, 'params'>;
  query: Parsed<E, 'query'>;
  body: Parsed<E, 'body'>;
}

/** Answers by returning the answer, or by sending it with reply; an entry with a contentType returns it. */
export type EndpointHandler<E extends Endpoint> = (
  input: EndpointInput<E>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

/** Registers one endpoint of the table; the handler does the work and answers. */
export type Route = <E extends Endpoint>(endpoint: E, handler: EndpointHandler<E>) => void;

export function endpointRoutes(app: FastifyInstance, staffGuardFor: (endpoint: Endpoint) => StaffGuard): Route {
  return (endpoint, handler) => {
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      // Checked on arrival, before a body is read: a caller without a token or session gets no further.
      ...(endpoint.isStaff ? { onRequest: staffGuardFor(endpoint) } : {}),
      handler: async (request, reply) => {
        const input = {
          params: endpoint.params ? parseParams(endpoint.params, request.params) : undefined,
          query: endpoint.query ? parseBody(endpoint.query, request.query) : undefined,
          body: endpoint.body ? parseBody(endpoint.body, request.body) : undefined,
        };
        // Each part was parsed with the entry's own schema just above; TypeScript cannot follow a
        // generic entry's optional schemas to their parsed types, so this says what the parsing did.
        const answer = await handler(input as EndpointInput<typeof endpoint>, request, reply);
        // Only on success: a refusal is JSON whatever the endpoint answers otherwise.
        if (endpoint.contentType) reply.type(endpoint.contentType);
        return answer;
      },
    });
  };
}
