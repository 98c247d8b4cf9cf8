// The console's alerts: the open alerts of the units the caller sees (newest first), and
// acknowledging one, which records who and when (in the row and in the audit trail). Another unit's
// alert is one that does not exist. The console asks for the list every minute and on every screen:
// the audit trail records a list when it shows the session an alert it has not been recorded seeing,
// not each time the same list is asked for again.
import { ApiError, registerApi, type ConsoleAlert } from '../core/index.js';
import type { Audit } from './audit.js';
import type { Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { isUnitVisible, principalOf, visibleUnits, type StaffPrincipal } from './staff-access.js';
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

/** A session's longest life (staff-sessions.ts): what it was recorded seeing is forgotten after it. */
const rememberedMs = 12 * 60 * 60 * 1000;

/**
 * The alerts each session (or service account) has been recorded seeing, in this process: with
 * several instances, each records the first list it serves.
 */
function alertsSeen(now: () => Date) {
  const seen = new Map<string, { ids: Set<string>; since: number }>();
  const entryOf = (principal: StaffPrincipal) => {
    const at = now().getTime();
    for (const [viewer, entry] of seen) if (at - entry.since > rememberedMs) seen.delete(viewer);
    const viewer = principal.sessionId ?? `${principal.kind}:${principal.id}`;
    const entry = seen.get(viewer) ?? { ids: new Set<string>(), since: at };
    seen.set(viewer, entry);
    return entry;
  };
  return {
    hasUnseen: (principal: StaffPrincipal, ids: readonly string[]) => ids.some((id) => !entryOf(principal).ids.has(id)),
    /** After the list is recorded: a failed record is tried again with the next list. */
    remember: (principal: StaffPrincipal, ids: readonly string[]) => ids.forEach((id) => entryOf(principal).ids.add(id)),
  };
}

export function alertRoutes(route: Route, { store, audit, now }: { store: RegisterStore; audit: Audit; now: () => Date }): void {
  const seen = alertsSeen(now);
  route(registerApi.listAlerts, async ({ query }, request) => {
    const alerts = await store.alerts.listAlerts({
      units: visibleUnits(request.staff),
      isOpenOnly: query.state !== 'all',
      limit: listLimit,
    });
    const principal = principalOf(request);
    const ids = alerts.map((alert) => alert.id);
    if (seen.hasUnseen(principal, ids)) {
      await audit.record(principal, { action: 'alerts.list', objects: { alertIds: ids }, patientRef: null }, request);
      seen.remember(principal, ids);
    }
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
