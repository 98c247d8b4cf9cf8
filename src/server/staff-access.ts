// Who is asking, on a staff route: the principal the authenticator (staff-auth.ts) puts on the
// request, and what it may see. Clinicians see their own units; register staff and the service
// account every unit. Another unit's object is answered 404, as if it did not exist.
import type { StaffRole, StaffUnits } from '../core/index.js';
import { ApiError } from '../core/index.js';
import { ApiFailure } from './errors.js';

export interface StaffPrincipal {
  kind: 'account' | 'service';
  id: string;
  name: string;
  roles: StaffRole[];
  units: StaffUnits;
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on staff routes by the authenticator before the handler runs. */
    staff?: StaffPrincipal;
  }
}

/** The service account: the staff token of the command line and integrations. */
export const servicePrincipal: StaffPrincipal = {
  kind: 'service',
  id: 'service',
  name: 'service',
  roles: ['register', 'clinician'],
  units: 'all',
};

export function visibleUnits(principal: StaffPrincipal | undefined): StaffUnits {
  if (!principal) return [];
  return principal.units;
}

/** Whether an object of this unit is among these units; one without a unit only among 'all'. */
export function isUnitVisible(units: StaffUnits, unit: string | null): boolean {
  if (units === 'all') return true;
  return unit !== null && units.includes(unit);
}

/** An object without a unit (an order made without one) is for register staff and the service account only. */
export function canSeeUnit(principal: StaffPrincipal | undefined, unit: string | null): boolean {
  return isUnitVisible(visibleUnits(principal), unit);
}

/** The principal of a staff route; the authenticator has run, so a missing one is the code's mistake. */
export function principalOf(request: { staff?: StaffPrincipal }): StaffPrincipal {
  if (!request.staff) throw new ApiFailure(ApiError.unauthorized, 'Sign in first');
  return request.staff;
}

/** The units an account's roles give: every unit for register staff, else its own. */
export function unitsFor(roles: readonly StaffRole[], units: readonly string[]): StaffUnits {
  return roles.includes('register') ? 'all' : [...units];
}

/**
 * The unit a clinician makes an order or an enrolment code for: the one named if it is theirs, their
 * only unit when none is named. Register staff and the service account may name any unit or none.
 */
export function unitToCreateIn(principal: StaffPrincipal, unit: string | undefined): string | undefined {
  if (principal.units === 'all') return unit;
  if (unit === undefined) {
    if (principal.units.length === 1) return principal.units[0];
    throw new ApiFailure(ApiError.badRequest, 'Name the unit', ['unit: required for a clinician of several units']);
  }
  if (!principal.units.includes(unit)) throw new ApiFailure(ApiError.forbidden, 'You may make these only for your own units');
  return unit;
}
