// Configuration from the environment and the command line (flags win), read and checked once at start.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  APP_DIR: z.string().min(1).default('dist'),
  DATA_DIR: z.string().min(1).default('data'),
  QUESTIONNAIRES_DIR: z.string().min(1).default('questionnaires'),
  PUBLIC_URL: z.url().optional(),
  STAFF_TOKEN: z.string().min(24, 'STAFF_TOKEN must be at least 24 characters').optional(),
  REGISTER_KEYS_FILE: z.string().min(1).optional(),
  /** PostgreSQL instead of the SQLite file, e.g. postgres://register@db.example/register. */
  DATABASE_URL: z.string().trim().min(1).optional(),
  REGISTER_NAME: z.string().trim().min(1).max(120).default('Demo quality register'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a reverse proxy: which proxies to believe about the client's address (X-Forwarded-For). */
  TRUST_PROXY: z.string().trim().default('false'),
  /** Whether a first start on an empty database makes the demo order; unset: yes, unless NODE_ENV=production. */
  DEMO_ORDER: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().optional(),
  /** How often the scheduler makes the orders of plan windows that have opened; 0 turns it off. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
});

/** Fastify's trustProxy: nobody, everybody, the nearest N hops, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

function trustProxyFrom(text: string): TrustProxy {
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export type LogLevel = z.infer<typeof environment>['LOG_LEVEL'];

export interface ServerConfig {
  port: number;
  host: string;
  /** The built app (vite build), served as static files. */
  appDir: string;
  /** The register's own files: the SQLite database, keys, the staff token. */
  dataDir: string;
  questionnairesDir: string;
  /** Where patients reach the app; the links in orders start with it. */
  publicUrl: string;
  staffToken: string | undefined;
  keysFile: string | undefined;
  /** Set: the store is this PostgreSQL database (several instances may share it); unset: SQLite in the data folder. */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** The register's name as patients see it, e.g. "KVARUS". */
  registerName: string;
  /** Whom to believe about client addresses, which the claim limits count by. */
  trustProxy: TrustProxy;
  /** Make the fixed-id demo order on an empty database (for someone trying it out; not in production). */
  demoOrder: boolean;
  /** Seconds between scheduler runs in this process; 0: no scheduler here. */
  schedulerIntervalSeconds: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const merged = {
    ...env,
    ...(values.port !== undefined ? { PORT: values.port } : {}),
    ...(values.host !== undefined ? { HOST: values.host } : {}),
    ...(values['data-dir'] !== undefined ? { DATA_DIR: values['data-dir'] } : {}),
  };
  const result = environment.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`The server's configuration is not valid:\n  ${problems}`);
  }
  const c = result.data;
  const shownHost = c.HOST === '0.0.0.0' || c.HOST === '::' ? 'localhost' : c.HOST;
  return {
    port: c.PORT,
    host: c.HOST,
    appDir: path.resolve(c.APP_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    questionnairesDir: path.resolve(c.QUESTIONNAIRES_DIR),
    publicUrl: (c.PUBLIC_URL ?? `http://${shownHost}:${c.PORT}`).replace(/\/$/, ''),
    staffToken: c.STAFF_TOKEN,
    keysFile: c.REGISTER_KEYS_FILE,
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    registerName: c.REGISTER_NAME,
    trustProxy: trustProxyFrom(c.TRUST_PROXY),
    demoOrder: c.DEMO_ORDER !== undefined ? c.DEMO_ORDER === 'true' : c.NODE_ENV !== 'production',
    schedulerIntervalSeconds: c.SCHEDULER_INTERVAL_SECONDS,
  };
}
