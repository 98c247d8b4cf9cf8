// The staff command line for orders: `npm run order -- <command>`. It calls the register's own
// HTTP API with the staff token, so it works against any register endpoint.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { apiErrorBody, createOrderResponse, orderSummary, type ApiError } from '../core/index.js';
import { z } from 'zod';
import { planCommands, planUsage, runPlanCommand, UsageError, type Call, type PlanCommand } from './order-plans.js';

export const orderUsage = `Usage: npm run order -- <command> [options]

Commands:
  create --patient REF --questionnaire ID@VERSION [--questionnaire …] --point POINT [--valid-days N] [--valid-from ISO]
      Create an order; prints the access code and the patient's link (the code is shown only now).
  list [--patient REF]
      List orders and their state.
  release ORDER_ID
      Let another device claim the order (the first device can no longer send to it).
  export --format csv|json [--questionnaire ID@VERSION] [--patient REF] [--out FILE]
      Export what has arrived.
${planUsage}
Options for every command:
  --url URL      the register endpoint (default: $REGISTER_URL or http://localhost:8080)
  --token TOKEN  the staff token (default: $STAFF_TOKEN, or the file staff-token in the data folder)
  --data-dir DIR where to find that file (default: $DATA_DIR or ./data)

Exit codes: 0 done, 1 refused by the register or not reachable, 2 wrong usage.
`;

/** What each refusal means, for the person at the keyboard; a new code does not compile without one. */
export const explanations: Record<ApiError, string> = {
  badRequest: 'the register did not accept the request',
  unsupportedMediaType: 'the register expects JSON',
  payloadTooLarge: 'the request is too large',
  unauthorized: 'the staff token was not accepted: check --token, $STAFF_TOKEN or the staff-token file',
  forbidden: 'the service account may not do this',
  signInFailed: 'the sign-in was refused',
  secondFactorRequired: 'the sign-in needs the second factor',
  csrfFailed: 'the request lacked its CSRF token',
  passwordTooShort: 'the password is too short',
  usernameTaken: 'an account with this username exists already',
  linkInvalid: 'the setup link is used or expired',
  oidcFailed: 'the OpenID Connect sign-in did not complete',
  oidcNoAccount: 'the OpenID Connect provider signed the person in, but the register has no account for them',
  oidcUnavailable: 'the OpenID Connect provider does not answer',
  notFound: 'there is no such order or enrolment',
  rateLimited: 'too many attempts; wait and try again',
  proofOfWorkRequired: 'the register asks for a proof of work (many codes are being guessed); the app pays it',
  patientRefLooksLikeNationalId: "the patient reference looks like a national identity number; use the register's pseudonym",
  unknownQuestionnaire: 'the register cannot order that questionnaire version',
  definitionChanged: 'the questionnaire file has changed since orders first used it; a changed definition needs a new version',
  orderIdTaken: 'an order with that id exists already',
  codeUnknown: 'no order has that access code',
  orderNotYetValid: 'the order is not valid yet',
  orderExpired: 'the order has expired',
  orderClaimed: 'another device has claimed the order',
  orderNotClaimed: 'no device has claimed the order',
  invalidToken: 'the submission could not be opened',
  unknownRegisterKey: 'the submission is sealed to a key this register does not have',
  badSignature: 'the submission is not signed by the device that claimed the order',
  invalidPayload: 'the submission does not have the expected shape',
  questionnaireNotInOrder: 'the questionnaire is not part of the order',
  definitionHashMismatch: 'the questionnaire answered is not the version the order issued',
  invalidAnswers: 'some answers do not fit the questionnaire',
  submissionConflict: 'another submission with the same id is already stored',
  questionnaireAlreadyAnswered: 'another submission already answers this questionnaire of the order',
  internal: 'something went wrong at the register; its log says more',
  unavailable: "the register's database does not answer; try again shortly",
  enrolmentUsedUp: 'the enrolment code has enrolled as many tablets as it may; make a new one',
  tabletRevoked: 'the tablet was revoked; enrol it again with a new enrolment code',
  unknownPlan: 'the register has no measurement plan by that id (see questionnaires/plans and the warnings at start)',
  planEnrolmentEnded: 'the plan enrolment has ended; enrol the patient again to start a new course',
};

/** The plain sentence for a refusal, with the register's own words and details when they add something. */
export function explainRefusal(status: number, text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the register answered ${status} without an explanation`;
  }
  const failure = apiErrorBody.safeParse(body);
  if (!failure.success) return `the register answered ${status} without an explanation`;
  const { error, message, details } = failure.data;
  const lines = [explanations[error]];
  if (error === 'unknownQuestionnaire' || error === 'definitionChanged' || error === 'badRequest' || error === 'internal')
    lines.push(`The register says: ${message}`);
  if (details?.length) lines.push(...details.map((detail) => `  ${detail}`));
  return lines.join('\n  ');
}

export interface OrderCliIo {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function tokenFrom(values: { token?: string; dataDir?: string }, env: NodeJS.ProcessEnv): string {
  if (values.token) return values.token;
  if (env.STAFF_TOKEN) return env.STAFF_TOKEN;
  const file = path.join(values.dataDir ?? env.DATA_DIR ?? 'data', 'staff-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new UsageError('no staff token: give --token, set STAFF_TOKEN, or run this where the data folder is');
}

const parseOrderArgs = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      patient: { type: 'string' },
      questionnaire: { type: 'string', multiple: true },
      point: { type: 'string' },
      'valid-days': { type: 'string' },
      'valid-from': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      plan: { type: 'string' },
      unit: { type: 'string' },
      language: { type: 'string' },
      from: { type: 'string' },
      setting: { type: 'string', multiple: true },
      email: { type: 'string' },
      mobile: { type: 'string' },
      'birth-month': { type: 'string' },
      sex: { type: 'string' },
    },
  });

type OrderArgs = ReturnType<typeof parseOrderArgs>;
type Values = OrderArgs['values'];

function registerCaller(io: OrderCliIo, base: string, token: string): Call {
  return async (method, apiPath, body) => {
    let response: Response;
    try {
      response = await io.fetch(base + apiPath, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new Error(`could not reach the register at ${base}: is it running? (npm start)`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(explainRefusal(response.status, text));
    return text;
  };
}

async function createOrder(io: OrderCliIo, call: Call, values: Values): Promise<number> {
  if (!values.patient || !values.questionnaire?.length || !values.point)
    throw new UsageError('create needs --patient, at least one --questionnaire and --point');
  const days = Number(values['valid-days'] ?? '30');
  if (!Number.isFinite(days) || days <= 0) throw new UsageError('--valid-days must be a positive number');
  const validFrom = values['valid-from'] ? new Date(values['valid-from']) : new Date();
  if (Number.isNaN(validFrom.getTime())) throw new UsageError('--valid-from must be a date and time, e.g. 2026-03-01T08:00:00+01:00');
  const created = createOrderResponse.parse(
    JSON.parse(
      await call('POST', '/api/orders', {
        patientRef: values.patient,
        questionnaires: values.questionnaire,
        measurementPoint: values.point,
        validFrom: validFrom.toISOString(),
        validUntil: new Date(validFrom.getTime() + days * 86_400_000).toISOString(),
      }),
    ),
  );
  io.stdout(
    `Order ${created.order.id}\n  Access code:    ${created.accessCode}\n  Patient's link: ${created.link}\n  Valid until:    ${created.order.validUntil}\n`,
  );
  return 0;
}

async function listOrders(io: OrderCliIo, call: Call, values: Values): Promise<number> {
  const query = values.patient ? `?patientRef=${encodeURIComponent(values.patient)}` : '';
  const { orders } = z.object({ orders: z.array(orderSummary) }).parse(JSON.parse(await call('GET', `/api/orders${query}`)));
  if (orders.length === 0) io.stdout('No orders.\n');
  for (const order of orders)
    io.stdout(
      `${order.id}  ${order.state.padEnd(9)}  ${order.patientRef}  ${order.measurementPoint}  ${order.questionnaires.map((q) => q.key).join(', ')}  ${order.submissionCount} received  until ${order.validUntil}\n`,
    );
  return 0;
}

async function releaseOrder(io: OrderCliIo, call: Call, positionals: string[]): Promise<number> {
  const [id] = positionals;
  if (!id) throw new UsageError('release needs an order id');
  await call('POST', `/api/orders/${encodeURIComponent(id)}/release`);
  io.stdout(`Order ${id} released: the next device to use its code claims it.\n`);
  return 0;
}

async function exportSubmissions(io: OrderCliIo, call: Call, values: Values): Promise<number> {
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
  if ((values.questionnaire?.length ?? 0) > 1)
    throw new UsageError('export takes one --questionnaire at a time, so the columns mean one thing');
  const query = new URLSearchParams({
    ...(values.questionnaire?.[0] ? { questionnaire: values.questionnaire[0] } : {}),
    ...(values.patient ? { patientRef: values.patient } : {}),
  });
  const body = await call('GET', `/api/export.${format}${query.size ? `?${query}` : ''}`);
  if (values.out) {
    // It holds health data: readable by the owner only.
    writeFileSync(values.out, body, { mode: 0o600 });
    io.stdout(`Wrote ${values.out}\n`);
  } else io.stdout(body);
  return 0;
}

async function runCommand(io: OrderCliIo, command: string, { values, positionals }: OrderArgs): Promise<number> {
  const base = (values.url ?? io.env.REGISTER_URL ?? 'http://localhost:8080').replace(/\/$/, '');
  const token = tokenFrom(
    { ...(values.token ? { token: values.token } : {}), ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) },
    io.env,
  );
  const call = registerCaller(io, base, token);
  switch (command) {
    case 'create':
      return createOrder(io, call, values);
    case 'list':
      return listOrders(io, call, values);
    case 'release':
      return releaseOrder(io, call, positionals);
    case 'export':
      return exportSubmissions(io, call, values);
  }
  if (isPlanCommand(command)) return runPlanCommand(io.stdout, call, command, values, positionals);
  throw new UsageError(`unknown command "${command}"`);
}

const isPlanCommand = (command: string): command is PlanCommand => (planCommands as readonly string[]).includes(command);

export async function runOrderCli(argv: string[], io: OrderCliIo): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: OrderArgs;
  try {
    parsed = parseOrderArgs(rest);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${orderUsage}`);
    return 2;
  }
  if (!command || !(['create', 'list', 'release', 'export'].includes(command) || isPlanCommand(command))) {
    io.stderr(`${command ? `unknown command "${command}"` : 'a command is missing'}\n\n${orderUsage}`);
    return 2;
  }
  try {
    return await runCommand(io, command, parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${orderUsage}`);
      return 2;
    }
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runOrderCli(process.argv.slice(2), {
    env: process.env,
    fetch,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
