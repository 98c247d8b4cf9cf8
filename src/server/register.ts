// The register's work, apart from HTTP: orders (register-orders.ts), claims and tablets
// (register-claims.ts), receiving (receive.ts). The store only reads and writes; what a row already
// there means is decided in register-writes.ts, the limits on guessing in claim-admission.ts.
import type {
  ClaimRequest,
  ClaimResponse,
  CreateOrderRequest,
  CreateOrderResponse,
  EnrolmentResponse,
  EnrolTabletResponse,
  OrderSummary,
  ParsedDefinition,
  PublicP256Jwk,
  StaffUnits,
  UnitOrder,
} from '../core/index.js';
import { snapshotReader } from './definitions.js';
import type { RegisterKeys } from './keys.js';
import { createReceiver, type Received } from './receive.js';
import { claimDesk, tabletDesk } from './register-claims.js';
import { orderDesk } from './register-orders.js';
import type { OrderRecord, RegisterStore } from './store/store.js';

export { claimLimits } from './claim-admission.js';
export { OrderIdTaken } from './register-orders.js';

export interface Register {
  /** `id`: a chosen id instead of a random one (the demo order's), so that it is made once however many instances start. */
  createOrder(request: CreateOrderRequest, options?: { id?: string }): Promise<CreateOrderResponse>;
  /** `units`: what the caller may see (visibleUnits); 'all' for register staff and the service account. */
  listOrders(patientRef: string | undefined, units: StaffUnits): Promise<OrderSummary[]>;
  /** The order released; notFound for one of another unit. */
  releaseOrder(id: string, units: StaffUnits): Promise<OrderRecord>;
  claim(request: ClaimRequest, address: string): Promise<ClaimResponse>;
  receive(token: string): Promise<Received>;
  /** The exact definition orders pinned under this key (their snapshot), if any order used it. */
  definitionFor(key: string): Promise<ParsedDefinition | undefined>;
  createEnrolment(unit: string): Promise<EnrolmentResponse>;
  enrolTablet(code: string, address: string): Promise<EnrolTabletResponse>;
  /** The unit's orders a clinician may pick on the tablet: valid now and not yet completed. */
  listUnitOrders(tabletToken: string): Promise<UnitOrder[]>;
  claimForTablet(tabletToken: string, orderId: string, deviceKey: PublicP256Jwk): Promise<ClaimResponse>;
}

export interface RegisterOptions {
  store: RegisterStore;
  keys: RegisterKeys;
  /** The questionnaires new orders may use, from the questionnaires folder. */
  definitions: ReadonlyMap<string, ParsedDefinition>;
  publicUrl: string;
  registerName: string;
  now?: () => Date;
}

export type RegisterContext = Required<RegisterOptions>;

export function createRegister(options: RegisterOptions): Register {
  const context: RegisterContext = { ...options, now: options.now ?? (() => new Date()) };
  const definitionFor = snapshotReader(context.store);
  const receive = createReceiver({ store: context.store, keys: context.keys, definitionFor, now: context.now });
  return { ...orderDesk(context), ...claimDesk(context), ...tabletDesk(context), receive, definitionFor };
}
