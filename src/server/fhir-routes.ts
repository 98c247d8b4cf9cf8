// The staff API for FHIR R4: a questionnaire as a Questionnaire, a stored submission as a
// QuestionnaireResponse. A Fastify plugin of its own, registered by buildServer beside the other routes.
// The definition is the snapshot orders used (what the patient answered); a file the register
// loaded but no order has used yet is found in `definitions`, when given.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answers as answersSchema, ApiError, scoreResults, type ParsedDefinition } from '../core/index.js';
import { toFhirQuestionnaire, toFhirQuestionnaireResponse } from '../core/fhir/index.js';
import { ApiFailure } from './errors.js';
import type { Register } from './register.js';
import type { RegisterStore } from './store/store.js';

export interface FhirRouteOptions {
  register: Pick<Register, 'definitionFor'>;
  store: Pick<RegisterStore, 'getSubmission' | 'getOrder'>;
  staffToken: string;
  /** The definitions loaded from the questionnaires folder, by id@version. */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
}

const fhirJson = 'application/fhir+json; charset=utf-8';
const digest = (text: string) => createHash('sha256').update(text).digest();

export async function fhirRoutes(app: FastifyInstance, { register, store, staffToken, definitions }: FhirRouteOptions): Promise<void> {
  const expected = digest(staffToken);
  const requireStaff = async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!timingSafeEqual(digest(token), expected))
      throw new ApiFailure(401, ApiError.unauthorized, 'A valid staff token is needed (Authorization: Bearer …)');
  };
  const params = (schema: z.ZodType<{ key?: string; submissionId?: string }>, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new ApiFailure(
        400,
        ApiError.badRequest,
        'The address is not right',
        parsed.error.issues.map((i) => i.message),
      );
    return parsed.data;
  };

  app.get('/api/fhir/Questionnaire/:key', { onRequest: requireStaff }, async (request, reply) => {
    const { key = '' } = params(
      z.object({ key: z.string().regex(/^[A-Za-z][\w-]*@[\d.]+$/, 'use id@version, e.g. "ede-q@6.0"') }),
      request.params,
    );
    const parsed = (await register.definitionFor(key)) ?? definitions?.get(key);
    if (!parsed) throw new ApiFailure(404, ApiError.unknownQuestionnaire, `The register has no questionnaire ${key}`);
    return reply.type(fhirJson).send(toFhirQuestionnaire(parsed).questionnaire);
  });

  app.get('/api/fhir/QuestionnaireResponse/:submissionId', { onRequest: requireStaff }, async (request, reply) => {
    const { submissionId = '' } = params(z.object({ submissionId: z.string().min(1).max(100) }), request.params);
    const submission = await store.getSubmission(submissionId);
    if (!submission) throw new ApiFailure(404, ApiError.notFound, 'There is no submission with this id');
    const parsed = await register.definitionFor(submission.definitionKey);
    if (!parsed) throw new ApiFailure(500, ApiError.internal, `The definition ${submission.definitionKey} of this submission is missing`);
    const order = await store.getOrder(submission.orderId);
    const scores = scoreResults.safeParse(submission.scores);
    const answers = answersSchema.safeParse(submission.answers);
    if (!answers.success) throw new ApiFailure(500, ApiError.internal, 'The stored answers of this submission cannot be read');
    return reply.type(fhirJson).send(
      toFhirQuestionnaireResponse({
        parsed,
        submissionId: submission.submissionId,
        answers: answers.data,
        language: submission.language,
        completedAt: submission.completedAt,
        noticesShown: submission.noticesShown,
        ...(order ? { patientRef: order.patientRef } : {}),
        ...(scores.success ? { scores: scores.data } : {}),
      }),
    );
  });
}
