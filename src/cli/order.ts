// The staff command line for orders: `npm run order -- <command>`. It calls the register's own
// HTTP API with the staff token, so it works against any register endpoint.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiErrorBody, createOrderResponse, orderSummary, type ApiError } from '../core/index.js';
import { z } from 'zod';

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

Options for every command:
  --url URL      the register endpoint (default: $REGISTER_URL or http://localhost:8080)
  --token TOKEN  the staff token (default: $STAFF_TOKEN, or the file staff-token in $DATA_DIR or ./data)
`;

/** What each refusal means, for the person at the keyboard. */
const explanations: Partial<Record<ApiError, string>> = {
  unauthorized: 'the staff token was not accepted: check --token, $STAFF_TOKEN or the staff-token file',
  patientRefLooksLikeNationalId: 'the patient reference looks like a national identity number; use the register\'s pseudonym',
  unknownQuestionnaire: 'the register does not have that questionnaire version',
  notFound: 'there is no such order',
  badRequest: 'the register did not accept the request',
};

export interface OrderCliIo {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

function tokenFrom(values: { token?: string }, env: NodeJS.ProcessEnv): string {
  if (values.token) return values.token;
  if (env.STAFF_TOKEN) return env.STAFF_TOKEN;
  const file = path.join(env.DATA_DIR ?? 'data', 'staff-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new UsageError('no staff token: give --token, set STAFF_TOKEN, or run this where the data folder is');
}

export async function runOrderCli(argv: string[], io: OrderCliIo): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        patient: { type: 'string' },
        questionnaire: { type: 'string', multiple: true },
        point: { type: 'string' },
        'valid-days': { type: 'string' },
        'valid-from': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${orderUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const base = (values.url ?? io.env.REGISTER_URL ?? 'http://localhost:8080').replace(/\/$/, '');
  try {
    const token = tokenFrom(values, io.env);
    const call = async (method: 'GET' | 'POST', apiPath: string, body?: unknown) => {
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
      if (!response.ok) {
        const failure = apiErrorBody.safeParse(JSON.parse(text || '{}'));
        const reason = failure.success ? (explanations[failure.data.error] ?? failure.data.message) : `the register answered ${response.status}`;
        const details = failure.success && failure.data.details ? `\n  ${failure.data.details.join('\n  ')}` : '';
        throw new Error(`${reason}${details}`);
      }
      return text;
    };

    switch (command) {
      case 'create': {
        if (!values.patient || !values.questionnaire?.length || !values.point)
          throw new UsageError('create needs --patient, at least one --questionnaire and --point');
        const days = Number(values['valid-days'] ?? '30');
        if (!Number.isFinite(days) || days <= 0) throw new UsageError('--valid-days must be a positive number');
        const validFrom = values['valid-from'] ? new Date(values['valid-from']) : new Date();
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
        io.stdout(`Order ${created.order.id}\n  Access code:    ${created.accessCode}\n  Patient's link: ${created.link}\n  Valid until:    ${created.order.validUntil}\n`);
        return 0;
      }
      case 'list': {
        const query = values.patient ? `?patientRef=${encodeURIComponent(values.patient)}` : '';
        const { orders } = z.object({ orders: z.array(orderSummary) }).parse(JSON.parse(await call('GET', `/api/orders${query}`)));
        if (orders.length === 0) io.stdout('No orders.\n');
        for (const order of orders)
          io.stdout(`${order.id}  ${order.state.padEnd(9)}  ${order.patientRef}  ${order.measurementPoint}  ${order.questionnaires.map((q) => q.key).join(', ')}  ${order.submissionCount} received  until ${order.validUntil}\n`);
        return 0;
      }
      case 'release': {
        const [id] = positionals;
        if (!id) throw new UsageError('release needs an order id');
        await call('POST', `/api/orders/${encodeURIComponent(id)}/release`);
        io.stdout(`Order ${id} released: the next device to use its code claims it.\n`);
        return 0;
      }
      case 'export': {
        const format = values.format ?? 'csv';
        if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
        const query = new URLSearchParams({ ...(values.questionnaire?.[0] ? { questionnaire: values.questionnaire[0] } : {}), ...(values.patient ? { patientRef: values.patient } : {}) });
        const body = await call('GET', `/api/export.${format}${query.size ? `?${query}` : ''}`);
        if (values.out) {
          writeFileSync(values.out, body);
          io.stdout(`Wrote ${values.out}\n`);
        } else io.stdout(body);
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'a command is missing');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${orderUsage}`);
      return 2;
    }
    io.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runOrderCli(process.argv.slice(2), {
    env: process.env,
    fetch,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
