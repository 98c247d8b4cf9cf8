// Every refusal is an ApiFailure: a stable code from the shared closed set, its one HTTP status
// (apiErrorStatus), and a readable message. Nothing is stored for a refused request.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, apiErrorStatus, type ApiErrorBody, type ProofOfWorkChallenge } from '../core/index.js';
import { StoreUnavailable } from './store/store.js';

/** How long a client is asked to wait when the database does not answer. */
const unavailableRetrySeconds = 5;

export class ApiFailure extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiError,
    message: string,
    readonly details?: string[],
    readonly retryAfterSeconds?: number,
    readonly proofOfWork?: ProofOfWorkChallenge,
  ) {
    super(message);
    this.status = apiErrorStatus[code];
  }
}

export function sendFailure(reply: FastifyReply, failure: ApiFailure): FastifyReply {
  const body: ApiErrorBody = {
    error: failure.code,
    message: failure.message,
    ...(failure.details ? { details: failure.details } : {}),
    ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
    ...(failure.proofOfWork ? { proofOfWork: failure.proofOfWork } : {}),
  };
  if (failure.retryAfterSeconds !== undefined) reply.header('Retry-After', String(failure.retryAfterSeconds));
  return reply.code(failure.status).send(body);
}

/** A 4xx from Fastify's body parsers or from the static files, said as what it is about. */
function clientFault(error: unknown, status: number): ApiFailure {
  const code = (error as { code?: unknown }).code;
  // Fastify's content-type parsers (empty, not JSON, forbidden __proto__ or constructor keys).
  if (typeof code === 'string' && code.startsWith('FST_ERR_CTP_'))
    return new ApiFailure(ApiError.badRequest, 'The request body is not valid JSON, or is missing');
  // A path the static server refuses (a traversal, a NUL byte): as a missing file, so it tells nothing of what exists.
  if (status === 403 || status === 404 || code === 'FST_STATIC_FORBIDDEN_PATH')
    return new ApiFailure(ApiError.notFound, 'There is nothing here');
  if (status === 416) return new ApiFailure(ApiError.badRequest, 'The requested range is not within the file');
  return new ApiFailure(ApiError.badRequest, 'The request is not valid');
}

/** Fastify's own refusals (body too large, bad JSON, wrong content type) get our codes too. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiFailure) return sendFailure(reply, error);
    // The client keeps what it sent and tries again later, as a device's outbox does; every write is safe to repeat.
    if (error instanceof StoreUnavailable) {
      request.log.error({ err: { message: error.message } }, 'the database does not answer');
      return sendFailure(
        reply,
        new ApiFailure(
          ApiError.unavailable,
          "The register's database does not answer; try again shortly",
          undefined,
          unavailableRetrySeconds,
        ),
      );
    }
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status === 413) return sendFailure(reply, new ApiFailure(ApiError.payloadTooLarge, 'The request body is too large'));
    if (status === 415) return sendFailure(reply, new ApiFailure(ApiError.unsupportedMediaType, 'Send the body as application/json'));
    if (status >= 400 && status < 500) return sendFailure(reply, clientFault(error, status));
    request.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'unexpected error');
    return sendFailure(reply, new ApiFailure(ApiError.internal, 'Something went wrong at the register'));
  });
}
