// The shape of one entry in the tables of endpoints (endpoints.ts, staff-endpoints.ts).
import type { z } from 'zod/mini';
import type { StaffRole } from './staff-messages.js';

type Schema = z.ZodMiniType;

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** With `:name` for each path parameter (its schema is `params`). */
  readonly path: `/api/${string}`;
  /**
   * Only for staff, checked before the body is read: the service token (Authorization: Bearer …) or
   * a session cookie (with X-CSRF-Token on a POST). Absent: not a staff route.
   */
  readonly isStaff?: boolean;
  /** A staff route answers a principal holding one of these roles; others get 403 forbidden. */
  readonly staffRoles?: readonly StaffRole[];
  /** Only a signed-in account (a session), not the service token. */
  readonly isAccountOnly?: boolean;
  /** Answers a session whose account must still enrol a second factor (the TOTP and session routes). */
  readonly isBeforeTotp?: boolean;
  /** A shared tablet's own token goes as the bearer; the register finds the tablet by it. */
  readonly hasTabletToken?: boolean;
  readonly body?: Schema;
  readonly params?: Schema;
  readonly query?: Schema;
  /** The answer of a success; for a text answer, the text. */
  readonly response: Schema;
  /** The answer's media type when it is not JSON. */
  readonly contentType?: string;
}
