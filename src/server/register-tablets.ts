// Shared tablets: staff make an enrolment code for a unit, good for one tablet or as many as they
// choose; a tablet exchanges it for its own token, and with that token lists its unit's orders and
// claims one (register-claims.ts). Staff list the tablets and revoke one: its token is refused from
// then on. What it sealed before stays deliverable: submissions are verified by the device key bound
// to each order at claim time, never by the tablet's token.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ApiError,
  normaliseAccessCode,
  type CreateEnrolmentRequest,
  type EnrolmentResponse,
  type EnrolTabletRequest,
  type EnrolTabletResponse,
  type RevokeTabletResponse,
  type StaffUnits,
  type TabletSummary,
  type UnitOrder,
} from '../core/index.js';
import { contentHash } from '../core/content-hash.js';
import { admitClaimAttempt } from './claim-admission.js';
import { ApiFailure } from './errors.js';
import { isUnitVisible } from './staff-access.js';
import type { RegisterContext } from './register.js';
import { isComplete, newAccessCode } from './register-orders.js';
import { createEnrolmentOnce, createTabletOnce } from './register-writes.js';
import type { RegisterStore, TabletRecord } from './store/store.js';

/** Enrolment codes for tablets are valid this long. */
const enrolmentHours = 24;

/** A tablet's calls are recorded at most this often, so that a busy tablet does not write on every call. */
export const tabletSeenEveryMs = 60_000;

/** Tablet tokens are stored hashed; this form is kept so tablets already enrolled stay enrolled. */
const tabletTokenHash = (token: string) => contentHash({ text: token });

/** The tablet whose token this is, unless it is unknown or revoked; records the call (at most once a minute). */
export async function tabletFor({ store, now }: Pick<RegisterContext, 'store' | 'now'>, token: string): Promise<TabletRecord> {
  const tablet = await store.findTablet(tabletTokenHash(token));
  if (!tablet) throw new ApiFailure(ApiError.unauthorized, 'This tablet is not enrolled');
  if (tablet.revokedAt !== null) throw new ApiFailure(ApiError.tabletRevoked, 'Staff have revoked this tablet; enrol it again');
  const at = now();
  const since = new Date(at.getTime() - tabletSeenEveryMs).toISOString();
  if (tablet.lastSeenAt === null || tablet.lastSeenAt < since) await store.markTabletSeen(tablet.id, at.toISOString(), since);
  return tablet;
}

export const toTabletSummary = ({ id, unit, name, enrolledAt, lastSeenAt, revokedAt }: TabletRecord): TabletSummary => ({
  id,
  unit,
  name,
  enrolledAt,
  lastSeenAt,
  revokedAt,
});

/** Revokes the tablet (again: nothing changes, and the first time is answered); for the staff route and the command line. */
/** Revokes a tablet of these units; another unit's tablet is as unknown as a missing one. */
export async function revokeTablet(store: RegisterStore, id: string, at: Date, units: StaffUnits = 'all'): Promise<RevokeTabletResponse> {
  const found = await store.getTablet(id);
  if (!found || !isUnitVisible(units, found.unit)) throw new ApiFailure(ApiError.notFound, 'No tablet has this id');
  await store.revokeTablet(id, at.toISOString());
  const tablet = await store.getTablet(id);
  if (!tablet?.revokedAt) throw new ApiFailure(ApiError.notFound, 'No tablet has this id');
  return { revoked: tablet.id, revokedAt: tablet.revokedAt };
}

export function tabletDesk(context: RegisterContext) {
  const { store, keys, now } = context;
  return {
    async createEnrolment({ unit, uses = 1 }: CreateEnrolmentRequest): Promise<EnrolmentResponse> {
      const code = newAccessCode();
      const createdAt = now();
      const validUntil = new Date(createdAt.getTime() + enrolmentHours * 3600_000).toISOString();
      const codeHash = keys.hashCode(`enrol-${code}`);
      await createEnrolmentOnce(store, { codeHash, unit, createdAt: createdAt.toISOString(), validUntil, usesLeft: uses });
      return { code, unit, validUntil, uses };
    },

    async enrolTablet({ code, name, proof }: EnrolTabletRequest, address: string): Promise<EnrolTabletResponse> {
      const at = now();
      const attempt = await admitClaimAttempt(store, address, at, { keys, purpose: 'enrol', code, proof });
      const codeHash = keys.hashCode(`enrol-${normaliseAccessCode(code)}`);
      const enrolment = await store.findEnrolment(codeHash);
      if (!enrolment) throw new ApiFailure(ApiError.codeUnknown, 'No valid enrolment has this code');
      const tabletToken = randomBytes(32).toString('base64url');
      const tablet = {
        id: randomUUID(),
        unit: enrolment.unit,
        tokenHash: tabletTokenHash(tabletToken),
        enrolledAt: at.toISOString(),
        name: name ?? null,
        lastSeenAt: at.toISOString(),
      };
      const enrolled = await createTabletOnce(store, tablet, { codeHash, at: at.toISOString() });
      if (enrolled === 'codeUnknown') throw new ApiFailure(ApiError.codeUnknown, 'No valid enrolment has this code');
      if (enrolled === 'usedUp')
        throw new ApiFailure(ApiError.enrolmentUsedUp, 'This enrolment code has enrolled as many tablets as it may');
      await store.markClaimSucceeded(attempt);
      return { tabletToken, unit: enrolment.unit };
    },

    async listUnitOrders(tabletToken: string): Promise<UnitOrder[]> {
      const tablet = await tabletFor(context, tabletToken);
      const at = now();
      const orders = await store.listOrders({ unit: tablet.unit });
      return orders
        .filter(
          (order) =>
            order.cancelledAt === null && new Date(order.validFrom) <= at && at <= new Date(order.validUntil) && !isComplete(order),
        )
        .map((order) => ({
          id: order.id,
          patientRef: order.patientRef,
          measurementPoint: order.measurementPoint,
          questionnaireCount: order.questionnaires.length,
          validUntil: order.validUntil,
        }));
    },

    /** The tablets of one unit, or of every unit these staff may see. */
    async listTablets(unit: string | undefined, units: StaffUnits = 'all'): Promise<TabletSummary[]> {
      const tablets = await store.listTablets(unit === undefined ? {} : { unit });
      return tablets.filter((tablet) => isUnitVisible(units, tablet.unit)).map(toTabletSummary);
    },

    revokeTablet: (id: string, units: StaffUnits = 'all'): Promise<RevokeTabletResponse> => revokeTablet(store, id, now(), units),
  };
}
