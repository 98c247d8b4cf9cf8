// Everything the register endpoint needs, from its configuration: the data folder, the store, the
// keys, the staff token, the questionnaires, and the HTTP server.
import { deliverAlertEmails } from './alerts.js';
import { emailChannel } from './notify/email-channel.js';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import type { ServerConfig } from './config.js';
import { changedSincePublished, loadDefinitions } from './definitions.js';
import { loadRegisterKeys, type RegisterKeys } from './keys.js';
import { loadPlans } from './plans.js';
import { loadIndicators } from './indicators.js';
import { createRegister, type Register } from './register.js';
import { firstAdminLink, firstAdminLinkFile } from './staff-first-admin.js';
import { createStaffServices, type StaffServices } from './staff-services.js';
import { serviceTokenReader, staffTokenFor } from './staff-token.js';
import { runScheduler, type SchedulerContext, type SchedulerRun } from './scheduler.js';
import { startSchedulerLoop, type Deliver, type SchedulerLoop } from './scheduler-loop.js';
import { configuredChannels } from './notify/configured-channels.js';
import { deliverDue, type DeliverySummary } from './notify/delivery.js';
import { openPgStore, openSqliteStore } from './store/kysely-store.js';
import type { RegisterStore } from './store/store.js';

export interface RunningRegister {
  app: FastifyInstance;
  register: Register;
  store: RegisterStore;
  /** Set on the first start only, when the token was just made: print it once. */
  newStaffToken: string | null;
  staffToken: string;
  staffServices: StaffServices;
  /** On a register without accounts: the one-time link (24 h) for the first administrator, also saved in the data folder. */
  firstAdminLink: string | null;
  /** For the person starting it: questionnaire and plan files left out or changed since orders used them. */
  warnings: string[];
  /** One scheduler pass at `now` (the loop calls it on its interval; tests call it on their own clock). */
  runScheduler(now: Date): Promise<SchedulerRun>;
  /** Sends the units' alert e-mails due at `now` (on the scheduler's interval too); how many went out. */
  deliverAlertEmails(now: Date): Promise<number>;
  /** Sends the messages due at `now` over the configured channels (the loop does after each run). */
  deliverMessages(now: Date): Promise<DeliverySummary>;
}

export interface StartExtra {
  logStream?: NodeJS.WritableStream;
  /** The clock of the register and the staff sessions (tests move it on). */
  now?: () => Date;
}

/** The first administrator's link, kept in the data folder for whoever starts the register as a service. */
function saveFirstAdminLink(dataDir: string, link: string): void {
  writeFileSync(firstAdminLinkFile(dataDir), link + '\n', { mode: 0o600 });
  chmodSync(firstAdminLinkFile(dataDir), 0o600);
}

/** The scheduler on its interval in this process, then the deliverer, saying in the log what each run made (never who for). */
function startLoggedScheduler(app: FastifyInstance, context: SchedulerContext, intervalSeconds: number, deliver: Deliver): SchedulerLoop {
  return startSchedulerLoop(
    context,
    intervalSeconds * 1000,
    {
      ran: ({ ordered, missed, queued, withoutPlan, failed }) => {
        if (ordered + missed + queued > 0) app.log.info({ ordered, missed, queued }, 'scheduler made the orders of opened windows');
        if (withoutPlan.length > 0)
          app.log.warn({ enrolments: withoutPlan.length }, 'enrolments whose plan version is not loaded: their orders wait');
        for (const { enrolmentId, timePoint, reason } of failed)
          app.log.warn({ planEnrolmentId: enrolmentId, timePoint, reason }, 'no order for a window');
      },
      failed: (error) => app.log.error({ err: error }, 'the scheduler run failed; the next run tries again'),
      deliveryFailed: (error) => app.log.error({ err: error }, 'delivering messages failed; the next run tries again'),
    },
    deliver,
  );
}

/** The deliverer over the channels the settings turn on (SMTP_URL, SMS_GATEWAY_URL); its log holds ids and outcomes only. */
function messageDelivery(config: ServerConfig, store: RegisterStore, keys: RegisterKeys, app: FastifyInstance) {
  const channels = configuredChannels(config);
  const context = { contactKey: keys.contactKey, publicUrl: config.publicUrl, log: app.log };
  const deliver: Deliver = (at) => deliverDue(store.messages, channels, at, context);
  return { deliver, closeChannels: () => channels.email?.close() };
}

/** The units' alert e-mail: on the scheduler's interval, where SMTP and the units' addresses are set. */
function alertEmailer(config: ServerConfig, store: RegisterStore) {
  const addresses = config.smtp ? config.alertEmails : new Map<string, string>();
  const channel = config.smtp && addresses.size > 0 ? emailChannel(config.smtp) : undefined;
  let timer: NodeJS.Timeout | undefined;
  const deliver = async (at: Date) => (channel ? deliverAlertEmails({ store, addresses }, channel, `${config.publicUrl}/staff/`, at) : 0);
  return {
    addresses,
    deliver,
    start(app: FastifyInstance, now: () => Date) {
      if (!channel || config.schedulerIntervalSeconds === 0) return;
      timer = setInterval(() => {
        deliver(now()).catch((error: unknown) => app.log.error({ err: error }, 'sending alert e-mail failed; the next round tries again'));
      }, config.schedulerIntervalSeconds * 1000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      channel?.close();
    },
  };
}

/** Discovery at start, so that a wrong issuer is said then; local sign-in works either way, and OIDC tries again at its next use. */
async function discoverOidc(staffServices: StaffServices, config: ServerConfig, warnings: string[]): Promise<void> {
  await staffServices.oidc?.discover().catch((error: unknown) => {
    warnings.push(
      `OpenID Connect: the issuer ${config.oidc?.issuer ?? ''} did not answer discovery (${error instanceof Error ? error.message : String(error)}); staff can sign in with local accounts until it does.`,
    );
  });
}

/** The measurement plans and the quality indicators beside the questionnaires, and what is wrong with them. */
async function loadBesideQuestionnaires(config: ServerConfig, definitions: ReadonlyMap<string, unknown>) {
  const plans = await loadPlans(path.join(config.questionnairesDir, 'plans'), new Set(definitions.keys()));
  const indicators = await loadIndicators(path.join(config.questionnairesDir, 'indicators'));
  return {
    plans: plans.plans,
    planVersions: plans.versions,
    indicators: indicators.files,
    warnings: [...plans.warnings, ...indicators.warnings],
  };
}

export async function startRegister(config: ServerConfig, extra: StartExtra = {}): Promise<RunningRegister> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (config.databaseUrl !== undefined && config.keysFile === undefined)
    throw new Error(
      'DATABASE_URL is set but REGISTER_KEYS_FILE is not: with PostgreSQL every endpoint instance must use the same register keys, so they are configured, not generated. Use the keys.json an endpoint made in its data folder (a first start without DATABASE_URL makes one), give every instance a copy and name it in REGISTER_KEYS_FILE.',
    );
  let log: ((error: Error) => void) | undefined;
  const store =
    config.databaseUrl !== undefined
      ? await openPgStore(config.databaseUrl, { onConnectionError: (error) => log?.(error) })
      : await openSqliteStore(path.join(config.dataDir, 'register.sqlite'));
  try {
    const { keys } = await loadRegisterKeys(config.dataDir, config.keysFile);
    const staff = staffTokenFor(config);
    const { definitions, warnings } = await loadDefinitions(config.questionnairesDir);
    warnings.push(...(await changedSincePublished(definitions, store)));
    const now = extra.now ?? (() => new Date());
    const { indicators, warnings: besideWarnings, ...plans } = await loadBesideQuestionnaires(config, definitions);
    warnings.push(...besideWarnings);
    const context = { store, keys, definitions, ...plans, publicUrl: config.publicUrl, registerName: config.registerName, now };
    const alerts = alertEmailer(config, store);
    const { submissionsPerDevicePerMinute } = config;
    const register = createRegister({ ...context, submissionsPerDevicePerMinute, alertEmails: alerts.addresses });
    const staffServices = createStaffServices({
      store,
      keys,
      now,
      serviceToken: serviceTokenReader(config, staff.token),
      isSessionSecure: config.isSessionSecure,
      passwordMinLength: config.staffPasswordMin,
      publicUrl: config.publicUrl,
      registerName: config.registerName,
      oidc: config.oidc,
    });
    await discoverOidc(staffServices, config, warnings);
    const app = await buildServer({
      appDir: config.appDir,
      logLevel: config.logLevel,
      register,
      store,
      staff: staffServices,
      isHttps: config.publicUrl.startsWith('https:'),
      trustProxy: config.trustProxy,
      definitions,
      indicators,
      ...(extra.logStream ? { logStream: extra.logStream } : {}),
    });
    const { deliver, closeChannels } = messageDelivery(config, store, keys, app);
    let scheduler: SchedulerLoop | undefined;
    app.addHook('onClose', async () => {
      alerts.stop();
      await scheduler?.stop();
      closeChannels();
      await store.close();
    });
    log = (error) => app.log.error({ err: error }, 'a database connection was lost; the pool opens a new one');
    for (const warning of warnings) app.log.warn(warning);
    const adminLink = await firstAdminLink(store, now(), config.publicUrl);
    if (adminLink !== null) saveFirstAdminLink(config.dataDir, adminLink);
    if (config.schedulerIntervalSeconds > 0) scheduler = startLoggedScheduler(app, context, config.schedulerIntervalSeconds, deliver);
    alerts.start(app, now);
    return {
      app,
      register,
      store,
      newStaffToken: staff.isNew ? staff.token : null,
      staffToken: staff.token,
      staffServices,
      firstAdminLink: adminLink,
      warnings,
      runScheduler: (at) => runScheduler(context, at),
      deliverAlertEmails: alerts.deliver,
      deliverMessages: deliver,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
