// Everything the register endpoint needs, from its configuration: the data folder, the store, the
// keys, the staff token, the questionnaires, and the HTTP server.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import type { ServerConfig } from './config.js';
import { changedSincePublished, loadDefinitions } from './definitions.js';
import { loadRegisterKeys } from './keys.js';
import { loadPlans } from './plans.js';
import { loadIndicators } from './indicators.js';
import { createRegister, type Register } from './register.js';
import { firstAdminLink, firstAdminLinkFile } from './staff-first-admin.js';
import { createStaffServices, type StaffServices } from './staff-services.js';
import { serviceTokenReader, staffTokenFor } from './staff-token.js';
import { runScheduler, type SchedulerContext, type SchedulerRun } from './scheduler.js';
import { startSchedulerLoop, type SchedulerLoop } from './scheduler-loop.js';
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

/** The scheduler on its interval in this process, saying in the log what each run made (never who for). */
function startLoggedScheduler(app: FastifyInstance, context: SchedulerContext, intervalSeconds: number): SchedulerLoop {
  return startSchedulerLoop(context, intervalSeconds * 1000, {
    ran: ({ ordered, missed, withoutPlan, failed }) => {
      if (ordered + missed > 0) app.log.info({ ordered, missed }, 'scheduler made the orders of opened windows');
      if (withoutPlan.length > 0)
        app.log.warn({ enrolments: withoutPlan.length }, 'enrolments whose plan version is not loaded: their orders wait');
      for (const { enrolmentId, timePoint, reason } of failed)
        app.log.warn({ planEnrolmentId: enrolmentId, timePoint, reason }, 'no order for a window');
    },
    failed: (error) => app.log.error({ err: error }, 'the scheduler run failed; the next run tries again'),
  });
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
    const plans = await loadPlans(path.join(config.questionnairesDir, 'plans'), new Set(definitions.keys()));
    warnings.push(...plans.warnings);
    const indicators = await loadIndicators(path.join(config.questionnairesDir, 'indicators'));
    warnings.push(...indicators.warnings);
    const context = { store, keys, definitions, plans: plans.plans, publicUrl: config.publicUrl, registerName: config.registerName, now };
    const register = createRegister({ ...context, submissionsPerDevicePerMinute: config.submissionsPerDevicePerMinute });
    const schedulerContext = context;
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
    // Discovery now, so that a wrong issuer is said at start; local sign-in works either way, and OIDC tries again at its next use.
    await staffServices.oidc?.discover().catch((error: unknown) => {
      warnings.push(
        `OpenID Connect: the issuer ${config.oidc?.issuer ?? ''} did not answer discovery (${error instanceof Error ? error.message : String(error)}); staff can sign in with local accounts until it does.`,
      );
    });
    const app = await buildServer({
      appDir: config.appDir,
      logLevel: config.logLevel,
      register,
      store,
      staff: staffServices,
      isHttps: config.publicUrl.startsWith('https:'),
      trustProxy: config.trustProxy,
      definitions,
      indicators: indicators.files,
      ...(extra.logStream ? { logStream: extra.logStream } : {}),
    });
    let scheduler: SchedulerLoop | undefined;
    app.addHook('onClose', async () => {
      await scheduler?.stop();
      await store.close();
    });
    log = (error) => app.log.error({ err: error }, 'a database connection was lost; the pool opens a new one');
    for (const warning of warnings) app.log.warn(warning);
    const adminLink = await firstAdminLink(store, now(), config.publicUrl);
    if (adminLink !== null) saveFirstAdminLink(config.dataDir, adminLink);
    if (config.schedulerIntervalSeconds > 0) scheduler = startLoggedScheduler(app, schedulerContext, config.schedulerIntervalSeconds);
    return {
      app,
      register,
      store,
      newStaffToken: staff.isNew ? staff.token : null,
      staffToken: staff.token,
      staffServices,
      firstAdminLink: adminLink,
      warnings,
      runScheduler: (at) => runScheduler(schedulerContext, at),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
