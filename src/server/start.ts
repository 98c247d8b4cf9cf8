// Everything the register endpoint needs, from its configuration: the data folder, the store, the
// keys, the staff token, the questionnaires, and the HTTP server.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import type { ServerConfig } from './config.js';
import { changedSincePublished, loadDefinitions } from './definitions.js';
import { loadRegisterKeys } from './keys.js';
import { loadPlans } from './plans.js';
import { createRegister, type Register } from './register.js';
import { runScheduler, type SchedulerRun } from './scheduler.js';
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
  /** For the person starting it: questionnaire and plan files left out or changed since orders used them. */
  warnings: string[];
  /** One scheduler pass at `now` (the loop calls it on its interval; tests call it on their own clock). */
  runScheduler(now: Date): Promise<SchedulerRun>;
}

function staffTokenFor(config: ServerConfig): { token: string; isNew: boolean } {
  if (config.staffToken) return { token: config.staffToken, isNew: false };
  const file = path.join(config.dataDir, 'staff-token');
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length < 24)
      throw new Error(`${file} holds no usable staff token (at least 24 characters): delete it to have a new one made.`);
    return { token, isNew: false };
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token, isNew: true };
}

export async function startRegister(config: ServerConfig, extra: { logStream?: NodeJS.WritableStream } = {}): Promise<RunningRegister> {
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
    const plans = await loadPlans(path.join(config.questionnairesDir, 'plans'), new Set(definitions.keys()));
    warnings.push(...plans.warnings);
    const context = { store, keys, definitions, plans: plans.plans, publicUrl: config.publicUrl, registerName: config.registerName };
    const register = createRegister({ ...context, submissionsPerDevicePerMinute: config.submissionsPerDevicePerMinute });
    const schedulerContext = { ...context, now: () => new Date() };
    const app = await buildServer({
      appDir: config.appDir,
      logLevel: config.logLevel,
      register,
      store,
      staffToken: staff.token,
      isHttps: config.publicUrl.startsWith('https:'),
      trustProxy: config.trustProxy,
      definitions,
      ...(extra.logStream ? { logStream: extra.logStream } : {}),
    });
    let scheduler: SchedulerLoop | undefined;
    app.addHook('onClose', async () => {
      await scheduler?.stop();
      await store.close();
    });
    log = (error) => app.log.error({ err: error }, 'a database connection was lost; the pool opens a new one');
    for (const warning of warnings) app.log.warn(warning);
    if (config.schedulerIntervalSeconds > 0)
      scheduler = startSchedulerLoop(schedulerContext, config.schedulerIntervalSeconds * 1000, {
        ran: ({ ordered, missed, withoutPlan, failed }) => {
          if (ordered + missed > 0) app.log.info({ ordered, missed }, 'scheduler made the orders of opened windows');
          if (withoutPlan.length > 0)
            app.log.warn({ enrolments: withoutPlan.length }, 'enrolments whose plan version is not loaded: their orders wait');
          for (const { enrolmentId, timePoint, reason } of failed)
            app.log.warn({ planEnrolmentId: enrolmentId, timePoint, reason }, 'no order for a window');
        },
        failed: (error) => app.log.error({ err: error }, 'the scheduler run failed; the next run tries again'),
      });
    return {
      app,
      register,
      store,
      newStaffToken: staff.isNew ? staff.token : null,
      staffToken: staff.token,
      warnings,
      runScheduler: (now) => runScheduler(schedulerContext, now),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
