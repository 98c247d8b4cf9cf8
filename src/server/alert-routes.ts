// The console's alerts: the open alerts of the units the caller sees (newest first), and
// acknowledging one, which records who and when (in the row and in the audit trail). Another unit's
// alert is one that does not exist.
import { ApiError, registerApi, type ConsoleAlert } from '../core/index.js';
import type { Audit } from './audit.js';
import type { Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { isUnitVisible, principalOf, visibleUnits } from './staff-access.js';
import type { AlertRecord } from './store/alert-store.js';
import type { RegisterStore } from './store/store.js';

/** The most the list shows: alerts are few, and an old acknowledged one is in the audit trail. */
const listLimit = 200;

const shown = (alert: AlertRecord): ConsoleAlert => ({
  id: alert.id,
  submissionId: alert.submissionId,
  patientRef: alert.patientRef,
  unit: alert.unit,
  questionnaireKey: alert.questionnaireKey,
  raised: alert.raised,
  createdAt: alert.createdAt,
  acknowledgedAt: alert.acknowledgedAt,
  acknowledgedBy: alert.acknowledgedBy,
  emailStatus: alert.emailStatus,
});

export function alertRoutes(route: Route, { store, audit, now }: { store: RegisterStore; audit: Audit; now: () => Date }): void {
  route(registerApi.listAlerts, async ({ query }, request) => {
    const alerts = await store.alerts.listAlerts({
      units: visibleUnits(request.staff),
      isOpenOnly: query.state !== 'all',
      limit: listLimit,
    });
    if (alerts.length > 0)
      await audit.record(
        principalOf(request),
        { action: 'alerts.list', objects: { alertIds: alerts.map((a) => a.id) }, patientRef: null },
        request,
      );
    return { alerts: alerts.map(shown) };
  });
  route(registerApi.acknowledgeAlert, async ({ params }, request) => {
    const principal = principalOf(request);
    const alert = await audit.around(
      request,
      { action: 'alerts.acknowledge', objects: { alertId: params.id } },
      async () => {
        const found = await store.alerts.getAlert(params.id);
        if (!found || !isUnitVisible(visibleUnits(request.staff), found.unit))
          throw new ApiFailure(ApiError.notFound, 'There is no such alert');
        // the first acknowledgement stands; a second one is answered with it
        await store.alerts.acknowledgeAlert(found.id, principal.name, now().toISOString());
        return (await store.alerts.getAlert(found.id)) ?? found;
      },
      (found) => ({ patientRef: found.patientRef, unit: found.unit, objects: { submissionId: found.submissionId } }),
    );
    request.log.info({ alertId: alert.id }, 'alert acknowledged');
    return shown(alert);
  });
}
