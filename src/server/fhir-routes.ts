// The staff API for FHIR R4: a questionnaire as a Questionnaire, a stored submission as a
// QuestionnaireResponse. A Fastify plugin of its own, registered by buildServer beside the other routes.
// The definition is the snapshot orders used (what the patient answered); a file the register
// loaded but no order has used yet is found in `definitions`, when given.
import type { FastifyInstance } from 'fastify';
import { answers as answersSchema, ApiError, registerApi, scoreResults, type ParsedDefinition } from '../core/index.js';
import { toFhirQuestionnaire, toFhirQuestionnaireResponse } from '../core/fhir/index.js';
import { endpointRoutes } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import type { Register } from './register.js';
import { canSeeUnit } from './staff-access.js';
import type { StaffServices } from './staff-services.js';
import type { RegisterStore } from './store/store.js';

export interface FhirRouteOptions {
  register: Pick<Register, 'definitionFor'>;
  store: Pick<RegisterStore, 'getSubmission' | 'getOrder'>;
  staff: StaffServices;
  /** The definitions loaded from the questionnaires folder, by id@version. */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
}

export async function fhirRoutes(app: FastifyInstance, { register, store, staff, definitions }: FhirRouteOptions): Promise<void> {
  const route = endpointRoutes(app, staff.guardFor);

  // A questionnaire holds no personal data: not in the audit trail.
  route(registerApi.fhirQuestionnaire, async ({ params: { key } }) => {
    const parsed = (await register.definitionFor(key)) ?? definitions?.get(key);
    if (!parsed) throw new ApiFailure(ApiError.notFound, `The register has no questionnaire ${key}`);
    return toFhirQuestionnaire(parsed).questionnaire;
  });

  route(registerApi.fhirQuestionnaireResponse, async ({ params: { submissionId } }, request) => {
    const event = { action: 'fhir.questionnaireResponse', objects: { submissionId } };
    const found = await staff.audit.around(
      request,
      event,
      async () => {
        const submission = await store.getSubmission(submissionId);
        const order = submission && (await store.getOrder(submission.orderId));
        // Another unit's submission is one that does not exist.
        if (!submission || !canSeeUnit(request.staff, order?.unit ?? null))
          throw new ApiFailure(ApiError.notFound, 'There is no submission with this id');
        return { submission, order };
      },
      ({ order }) => ({ patientRef: order?.patientRef ?? null, unit: order?.unit ?? null, objects: { orderId: order?.id } }),
    );
    const { submission, order } = found;
    const parsed = await register.definitionFor(submission.definitionKey);
    if (!parsed) throw new ApiFailure(ApiError.internal, `The definition ${submission.definitionKey} of this submission is missing`);
    const scores = scoreResults.safeParse(submission.scores);
    const answers = answersSchema.safeParse(submission.answers);
    if (!answers.success) throw new ApiFailure(ApiError.internal, 'The stored answers of this submission cannot be read');
    return toFhirQuestionnaireResponse({
      parsed,
      submissionId: submission.submissionId,
      answers: answers.data,
      language: submission.language,
      completedAt: submission.completedAt,
      noticesShown: submission.noticesShown,
      ...(order ? { patientRef: order.patientRef } : {}),
      ...(scores.success ? { scores: scores.data } : {}),
    });
  });
}
