// The register's work, apart from HTTP: orders (register-orders.ts), claims (register-claims.ts),
// tablets (register-tablets.ts), receiving (receive.ts). The store only reads and writes; what a row already
// there means is decided in register-writes.ts, the limits on guessing in claim-admission.ts.
import type {
  CoverageGroup,
  CoveragePeriod,
  EnrolInPlanRequest,
  PlanEnrolmentDetail,
  PlanEnrolmentSummary,
  PlanSummary,
  SetPlanContactRequest,
  SetPlanSubjectRequest,
  RecordPlanEventRequest,
  ClaimRequest,
  ClaimResponse,
  CreateEnrolmentRequest,
  CreateOrderRequest,
  CreateOrderResponse,
  EnrolmentResponse,
  EnrolTabletRequest,
  EnrolTabletResponse,
  OrderSummary,
  ParsedDefinition,
  PublicP256Jwk,
  RevokeTabletResponse,
  TabletSummary,
  StaffUnits,
  UnitOrder,
} from '../core/index.js';
import type { ParsedPlan } from '../core/plans/index.js';
import { coverageGroups } from './coverage.js';
import { snapshotReader } from './definitions.js';
import type { RegisterKeys } from './keys.js';
import { raiseAlerts } from './alerts.js';
import { createReceiver, type Received } from './receive.js';
import { claimDesk } from './register-claims.js';
import { orderDesk } from './register-orders.js';
import { planDetailDesk } from './register-plan-detail.js';
import { planDesk } from './register-plans.js';
import { tabletDesk } from './register-tablets.js';
import type { OrderRecord, RegisterStore, UnitScope } from './store/store.js';

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
  createEnrolment(request: CreateEnrolmentRequest): Promise<EnrolmentResponse>;
  enrolTablet(request: EnrolTabletRequest, address: string): Promise<EnrolTabletResponse>;
  /** The unit's orders a clinician may pick on the tablet: valid now and not yet completed. */
  listUnitOrders(tabletToken: string): Promise<UnitOrder[]>;
  claimForTablet(tabletToken: string, orderId: string, deviceKey: PublicP256Jwk): Promise<ClaimResponse>;
  /** Staff: the tablets of a unit, or all. */
  listTablets(unit: string | undefined, units?: StaffUnits): Promise<TabletSummary[]>;
  /** Staff: the tablet's token is refused from now on; what it sealed before is still accepted. */
  revokeTablet(id: string, units?: StaffUnits): Promise<RevokeTabletResponse>;
  /** Staff: plan enrolments (register-plans.ts); `units`: what the caller may see ('all' until roles narrow it). */
  enrolInPlan(request: EnrolInPlanRequest, units: UnitScope): Promise<PlanEnrolmentSummary>;
  listPlanEnrolments(filter: { patientRef?: string; unit?: string }, units: UnitScope): Promise<PlanEnrolmentSummary[]>;
  recordPlanEvent(id: string, request: RecordPlanEventRequest, units: UnitScope): Promise<PlanEnrolmentSummary>;
  pausePlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary>;
  resumePlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary>;
  endPlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentSummary>;
  /** Staff: coverage of the plans' windows (coverage.ts). */
  coverage(period: CoveragePeriod, units: UnitScope): Promise<CoverageGroup[]>;
  /** Staff console (register-plan-detail.ts): the plans loaded, one enrolment in full, its contact, stopping its messages. */
  listPlans(): PlanSummary[];
  getPlanEnrolment(id: string, units: UnitScope): Promise<PlanEnrolmentDetail>;
  setPlanContact(id: string, request: SetPlanContactRequest, units: UnitScope): Promise<PlanEnrolmentDetail>;
  stopPlanMessages(id: string, units: UnitScope): Promise<PlanEnrolmentDetail>;
  /** Staff: the patient's birth month and sex on the enrolment (register data, for iso-BMI). */
  setPlanSubject(id: string, request: SetPlanSubjectRequest, units: UnitScope): Promise<PlanEnrolmentDetail>;
}

export interface RegisterOptions {
  store: RegisterStore;
  keys: RegisterKeys;
  /** The questionnaires new orders may use, from the questionnaires folder. */
  definitions: ReadonlyMap<string, ParsedDefinition>;
  publicUrl: string;
  registerName: string;
  /** The measurement plans staff may enrol patients in, by plan id (questionnaires/plans). */
  plans?: ReadonlyMap<string, ParsedPlan>;
  /**
   * Every plan version the register keeps, by id@version: older versions that enrolments made under them
   * still follow (questionnaires/plans/<id>-<version>.json), besides the current ones, which are added.
   */
  planVersions?: ReadonlyMap<string, ParsedPlan>;
  now?: () => Date;
  /** New submissions one device may have stored per minute (submissionLimits by default). */
  submissionsPerDevicePerMinute?: number;
  /** The units' addresses for alert e-mail (ALERT_EMAILS); an alert of another unit is shown in the console only. */
  alertEmails?: ReadonlyMap<string, string>;
}

export type RegisterContext = Required<Omit<RegisterOptions, 'submissionsPerDevicePerMinute' | 'alertEmails'>>;

export function createRegister(options: RegisterOptions): Register {
  const { submissionsPerDevicePerMinute, alertEmails = new Map<string, string>(), ...rest } = options;
  const plans = options.plans ?? new Map<string, ParsedPlan>();
  const planVersions = new Map([...(options.planVersions ?? []), ...[...plans.values()].map((plan) => [plan.key, plan] as const)]);
  const context: RegisterContext = { ...rest, plans, planVersions, now: options.now ?? (() => new Date()) };
  const definitionFor = snapshotReader(context.store);
  const receiveOnly = createReceiver({
    store: context.store,
    keys: context.keys,
    definitionFor,
    now: context.now,
    ...(submissionsPerDevicePerMinute === undefined ? {} : { perDevicePerMinute: submissionsPerDevicePerMinute }),
  });
  // The unit's alerts are recorded before the device is answered; a retry of the submission records them if a crash came between.
  const alertContext = { store: context.store, definitionFor, addresses: alertEmails, now: context.now };
  const receive = async (token: string) => {
    const received = await receiveOnly(token);
    await raiseAlerts(alertContext, received.submission);
    return received;
  };
  const coverage = async (period: CoveragePeriod, units: UnitScope) =>
    coverageGroups(await context.store.coverageRows(units), period, context.now());
  return {
    ...orderDesk(context),
    ...claimDesk(context),
    ...tabletDesk(context),
    ...planDesk(context),
    ...planDetailDesk(context),
    receive,
    definitionFor,
    coverage,
  };
}
