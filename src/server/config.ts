// Configuration from the environment and the command line (flags win), read and checked once at start.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { oidcEnvironment, oidcSettingsFrom, type OidcSettings } from './oidc-config.js';

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
  /** New submissions one device may have stored per minute, over every instance. */
  SUBMISSIONS_PER_DEVICE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  // Messages to patients (notify/): e-mail over SMTP, SMS through an HTTP gateway. Unset: that channel is off.
  SMTP_URL: z
    .string()
    .trim()
    .refine(
      (text) => /^smtps?:\/\/[^/]/.test(text) && URL.canParse(text),
      'SMTP_URL must look like smtp://user:password@host:587 or smtps://…',
    )
    .optional(),
  SMTP_FROM: z.string().trim().min(3, 'SMTP_FROM must be an address such as "Clinic <no-reply@example.org>"').optional(),
  SMS_GATEWAY_URL: z
    .url({ protocol: /^https?$/, error: 'SMS_GATEWAY_URL must be an http(s) address, e.g. https://sms.example.org/send' })
    .optional(),
  SMS_GATEWAY_TOKEN: z.string().min(8, 'SMS_GATEWAY_TOKEN must be at least 8 characters').optional(),
  SMS_SENDER: z
    .string()
    .regex(/^(?:[A-Za-z0-9]{1,11}|\+?\d{3,15})$/, 'SMS_SENDER must be up to 11 letters and digits, or a phone number')
    .optional(),
  /** The staff session cookie's Secure flag; unset: set when PUBLIC_URL is https. */
  SESSION_SECURE: z.enum(['true', 'false']).optional(),
  /** The shortest staff password accepted; 12 at least. */
  STAFF_PASSWORD_MIN: z.coerce.number().int().min(12, 'STAFF_PASSWORD_MIN must be at least 12').max(256).default(12),
  ...oidcEnvironment.shape,
  /** The units' addresses for alert e-mail, as JSON: {"Poliklinikk A": "post-a@example.org"}; needs SMTP_URL. */
  ALERT_EMAILS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return new Map<string, string>();
      try {
        const parsed = z.record(z.string().min(1), z.email()).parse(JSON.parse(text));
        return new Map(Object.entries(parsed));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'ALERT_EMAILS must be JSON naming each unit\'s address: {"Poliklinikk A": "post-a@example.org"}',
        });
        return z.NEVER;
      }
    }),
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
  /** New submissions one device may have stored per minute (a benchmark's many submissions from few devices need more). */
  submissionsPerDevicePerMinute: number;
  /** Unset: no e-mail is sent. The URL holds the SMTP password: never log it. */
  smtp: SmtpSettings | undefined;
  /** Unset: no SMS is sent. */
  sms: SmsGatewaySettings | undefined;
  /** The staff session cookie is sent over https only. */
  isSessionSecure: boolean;
  staffPasswordMin: number;
  /** Staff sign-in with OpenID Connect (oidc-config.ts); undefined: local accounts only. */
  oidc: OidcSettings | undefined;
  /** Seconds between scheduler runs in this process; 0: no scheduler here. */
  schedulerIntervalSeconds: number;
  /** The units' addresses for alert e-mail (ALERT_EMAILS); none unless SMTP is set up too. */
  alertEmails: ReadonlyMap<string, string>;
}

export interface SmtpSettings {
  url: string;
  from: string;
}

export interface SmsGatewaySettings {
  url: string;
  token: string;
  /** The sender name or number the gateway shows, when it lets the sender choose. */
  sender: string | undefined;
}

type Environment = z.infer<typeof environment>;

/** Settings that only make sense together: each channel whole, or off. */
function messageSettings(c: Environment): { smtp: SmtpSettings | undefined; sms: SmsGatewaySettings | undefined; problems: string[] } {
  const problems: string[] = [];
  if (c.SMTP_URL !== undefined && c.SMTP_FROM === undefined) problems.push('SMTP_FROM: set it too when SMTP_URL is set (the From address)');
  if (c.SMTP_URL === undefined && c.SMTP_FROM !== undefined) problems.push('SMTP_URL: SMTP_FROM is set, but no SMTP server');
  if (c.ALERT_EMAILS.size > 0 && c.SMTP_URL === undefined)
    problems.push('ALERT_EMAILS: set SMTP_URL and SMTP_FROM too, or no alert e-mail can be sent');
  if (c.SMS_GATEWAY_URL !== undefined && c.SMS_GATEWAY_TOKEN === undefined)
    problems.push('SMS_GATEWAY_TOKEN: set it too when SMS_GATEWAY_URL is set');
  if (c.SMS_GATEWAY_URL === undefined && (c.SMS_GATEWAY_TOKEN !== undefined || c.SMS_SENDER !== undefined))
    problems.push('SMS_GATEWAY_URL: SMS_GATEWAY_TOKEN or SMS_SENDER is set, but no gateway');
  return {
    smtp: c.SMTP_URL !== undefined && c.SMTP_FROM !== undefined ? { url: c.SMTP_URL, from: c.SMTP_FROM } : undefined,
    sms:
      c.SMS_GATEWAY_URL !== undefined && c.SMS_GATEWAY_TOKEN !== undefined
        ? { url: c.SMS_GATEWAY_URL, token: c.SMS_GATEWAY_TOKEN, sender: c.SMS_SENDER }
        : undefined,
    problems,
  };
}

const invalid = (problems: string[]) => new Error(`The server's configuration is not valid:\n  ${problems.join('\n  ')}`);

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
  if (!result.success) throw invalid(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const c = result.data;
  const messages = messageSettings(c);
  if (messages.problems.length) throw invalid(messages.problems);
  const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' || c.HOST === '::' ? 'localhost' : c.HOST}:${c.PORT}`).replace(
    /\/$/,
    '',
  );
  return {
    port: c.PORT,
    host: c.HOST,
    appDir: path.resolve(c.APP_DIR),
    dataDir: path.resolve(c.DATA_DIR),
    questionnairesDir: path.resolve(c.QUESTIONNAIRES_DIR),
    publicUrl,
    staffToken: c.STAFF_TOKEN,
    keysFile: c.REGISTER_KEYS_FILE,
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    registerName: c.REGISTER_NAME,
    trustProxy: trustProxyFrom(c.TRUST_PROXY),
    demoOrder: c.DEMO_ORDER !== undefined ? c.DEMO_ORDER === 'true' : c.NODE_ENV !== 'production',
    submissionsPerDevicePerMinute: c.SUBMISSIONS_PER_DEVICE_PER_MINUTE,
    smtp: messages.smtp,
    sms: messages.sms,
    isSessionSecure: c.SESSION_SECURE !== undefined ? c.SESSION_SECURE === 'true' : publicUrl.startsWith('https:'),
    staffPasswordMin: c.STAFF_PASSWORD_MIN,
    oidc: oidcSettingsFrom(c, publicUrl),
    schedulerIntervalSeconds: c.SCHEDULER_INTERVAL_SECONDS,
    alertEmails: c.ALERT_EMAILS,
  };
}
