// The staff API for FHIR R4: a questionnaire as a Questionnaire, a stored submission as a
// QuestionnaireResponse. A Fastify plugin of its own, registered by buildServer beside the other routes.
// The definition is the snapshot orders used (what the patient answered); a file the register
// loaded but no order has used yet is found in `definitions`, when given.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { answers as answersSchema, ApiError, apiErrorBody, registerApi, scoreResults, type ParsedDefinition } from '../core/index.js';
import { questionnaireUrl, resourceId, toFhirQuestionnaire, toFhirQuestionnaireResponse } from '../core/fhir/index.js';
import { toOperationOutcome } from '../core/fhir/operation-outcome.js';
import { endpointRoutes } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import type { Register } from './register.js';
import { canSeeUnit } from './staff-access.js';
import type { StaffServices } from './staff-services.js';
import type { RegisterStore } from './store/store.js';

const fhirJson = 'application/fhir+json; charset=utf-8';

export interface FhirRouteOptions {
  register: Pick<Register, 'definitionFor'>;
  store: Pick<RegisterStore, 'getSubmission' | 'getOrder'>;
  staff: StaffServices;
  /** The definitions loaded from the questionnaires folder, by id@version. */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
}

/** Every refusal of the FHIR routes as an OperationOutcome, the register's code kept in its details. */
async function refusalAsOperationOutcome(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  const refusal = apiErrorBody.safeParse(body);
  if (!refusal.success) return payload;
  void reply.type(fhirJson);
  return JSON.stringify(toOperationOutcome(refusal.data));
}

/** A definition by id@version, or by the resource id its Questionnaire has; the snapshot orders used first. */
function questionnaireFinder(register: FhirRouteOptions['register'], definitions: FhirRouteOptions['definitions']) {
  const byKey = async (key: string) => (await register.definitionFor(key)) ?? definitions?.get(key);
  return async (key: string): Promise<ParsedDefinition | undefined> => {
    if (key.includes('@')) return byKey(key);
    const named = [...(definitions?.values() ?? [])].find(({ definition }) => resourceId(definition.id, definition.version) === key);
    if (named) return (await register.definitionFor(`${named.definition.id}@${named.definition.version}`)) ?? named;
    // One no longer in the folder: "<id>-<version>", the version being the digits and dots at the end.
    const split = /^([A-Za-z][\w-]*)-(\d+(?:\.\d+)*)$/.exec(key);
    const snapshot = split ? await register.definitionFor(`${split[1]}@${split[2]}`) : undefined;
    return snapshot && resourceId(snapshot.definition.id, snapshot.definition.version) === key ? snapshot : undefined;
  };
}

export async function fhirRoutes(app: FastifyInstance, { register, store, staff, definitions }: FhirRouteOptions): Promise<void> {
  const route = endpointRoutes(app, staff.guardFor);

  app.addHook('onSend', refusalAsOperationOutcome);

  const questionnaireFor = questionnaireFinder(register, definitions);

  // A questionnaire holds no personal data: not in the audit trail.
  route(registerApi.fhirQuestionnaire, async ({ params: { key } }) => {
    const parsed = await questionnaireFor(key);
    if (!parsed) throw new ApiFailure(ApiError.notFound, `The register has no questionnaire ${key}`);
    return toFhirQuestionnaire(parsed).questionnaire;
  });

  // FHIR's search by canonical URL and version: a searchset Bundle, empty when nothing matches.
  route(registerApi.fhirQuestionnaireSearch, async ({ query: { url, version } }) => {
    const matches = [...(definitions?.values() ?? [])].filter(
      ({ definition }) =>
        (url === undefined || questionnaireUrl(definition.id) === url) && (version === undefined || definition.version === version),
    );
    const resources = await Promise.all(
      matches.map(
        async (loaded) =>
          toFhirQuestionnaire((await register.definitionFor(`${loaded.definition.id}@${loaded.definition.version}`)) ?? loaded)
            .questionnaire,
      ),
    );
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      entry: resources.map((resource) => ({ fullUrl: `Questionnaire/${resource.id}`, resource, search: { mode: 'match' } })),
    };
  });

  // Any other FHIR address: an OperationOutcome too.
  app.all('/api/fhir/*', async () => {
    throw new ApiFailure(ApiError.notFound, 'The register serves Questionnaire and QuestionnaireResponse only');
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
