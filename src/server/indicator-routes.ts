// Staff's routes for the registers' quality indicators, as JSON and CSV: register staff see every
// unit, a clinician their own units (and those units together). Counts of patients are personal data
// in aggregate; each read is recorded in the audit trail.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerApi, type IndicatorsQuery } from '../core/index.js';
import type { IndicatorFile } from '../core/indicators/index.js';
import { endpointRoutes } from './endpoint-route.js';
import { indicatorResults, indicatorsCsv } from './indicators.js';
import { principalOf, visibleUnits } from './staff-access.js';
import type { StaffServices } from './staff-services.js';
import type { RegisterStore } from './store/store.js';

export interface IndicatorRouteOptions {
  store: Pick<RegisterStore, 'indicatorObservations' | 'indicatorWindows' | 'listPlanEnrolments'>;
  staff: StaffServices;
  /** The indicator files loaded from questionnaires/indicators. */
  indicators: readonly IndicatorFile[];
  now?: () => Date;
}

export async function indicatorRoutes(
  app: FastifyInstance,
  { store, staff, indicators, now = () => new Date() }: IndicatorRouteOptions,
): Promise<void> {
  const route = endpointRoutes(app, staff.guardFor);
  const results = async (query: IndicatorsQuery, request: FastifyRequest, action: string) => {
    const answer = await indicatorResults({ store, files: indicators, now: now() }, query, visibleUnits(request.staff));
    await staff.audit.record(principalOf(request), { action, objects: { ...query }, unit: query.unit ?? null }, request);
    return answer;
  };
  route(registerApi.indicatorsJson, async ({ query }, request) => results(query, request, 'indicators.json'));
  route(registerApi.indicatorsCsv, async ({ query }, request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="indicators.csv"');
    return indicatorsCsv(await results(query, request, 'indicators.csv'));
  });
}
