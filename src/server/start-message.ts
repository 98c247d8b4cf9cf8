// What `npm start` says once it listens. Secrets (a new staff token, the demo order's access code)
// are printed only when stdout is a terminal: a service's stdout ends in its logs, so there it says
// which file holds the staff token and how to make an order instead.
import path from 'node:path';
import type { ServerConfig } from './config.js';
import { OrderIdTaken, type Register } from './register.js';
import { firstAdminLinkFile } from './staff-first-admin.js';

const demoOrderId = 'demo-order';

export type DemoOrder = { made: 'here'; link: string; accessCode: string } | { made: 'elsewhere' } | { made: 'not'; reason?: string };

/** The fixed-id demo order on an empty database, when the configuration asks for it. */
export async function makeDemoOrder(config: ServerConfig, register: Register): Promise<DemoOrder> {
  if (!config.demoOrder || (await register.listOrders(undefined, 'all')).length > 0) return { made: 'not' };
  const validUntil = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  try {
    // One fixed id: instances starting together on an empty database make one demo order, not one each.
    const demo = await register.createOrder(
      { patientRef: 'demo-patient', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil },
      { id: demoOrderId },
    );
    return { made: 'here', link: demo.link, accessCode: demo.accessCode };
  } catch (error) {
    if (error instanceof OrderIdTaken) return { made: 'elsewhere' };
    return { made: 'not', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The staff command line looks in ./data and at http://localhost:8080 unless told otherwise. */
function orderCommand(config: ServerConfig, command: string): string {
  const flags = [
    ...(config.publicUrl === 'http://127.0.0.1:8080' || config.publicUrl === 'http://localhost:8080' ? [] : [`--url ${config.publicUrl}`]),
    ...(config.dataDir === path.resolve('data') ? [] : [`--data-dir ${config.dataDir}`]),
  ];
  return `npm run order -- ${command}${flags.map((flag) => ` ${flag}`).join('')}`;
}

function staffTokenLines(config: ServerConfig, token: string, isTerminal: boolean): string[] {
  const file = path.join(config.dataDir, 'staff-token');
  const finds = `  The staff command line finds it there: ${orderCommand(config, 'list')}`;
  if (!isTerminal) return ['', `A staff token was made and saved in ${file} (not printed: stdout is not a terminal).`, finds];
  return ['', `Staff token (shown this once; also saved in ${file}):`, `  ${token}`, finds];
}

function demoOrderLines(config: ServerConfig, demo: DemoOrder, isTerminal: boolean): string[] {
  if (demo.made === 'elsewhere')
    return ['', 'The demo order was made by another instance starting at the same time; its output shows the code.'];
  if (demo.made === 'not') return demo.reason ? ['', `No demo order: ${demo.reason}`] : [];
  if (!isTerminal)
    return [
      '',
      `A demo order for trying it out (valid 30 days) was made, id ${demoOrderId}; its access code is shown only on a terminal.`,
      `  For a code to use, make an order: ${orderCommand(config, 'create --patient PSEUDO-1 --questionnaire demo-wellbeing@1 --point basis --valid-days 30')}`,
    ];
  return ['', 'A demo order for trying it out (valid 30 days):', `  Patient's link: ${demo.link}`, `  Access code:    ${demo.accessCode}`];
}

function firstAdminLines(config: ServerConfig, link: string, isTerminal: boolean): string[] {
  const file = firstAdminLinkFile(config.dataDir);
  const expiry = 'It works once, for 24 hours; a new start makes a new one until there is an account.';
  if (!isTerminal)
    return [
      '',
      `No staff account yet: the link for the first administrator is saved in ${file} (not printed: stdout is not a terminal).`,
      `  ${expiry}`,
    ];
  return ['', 'No staff account yet. The first administrator sets a password here:', `  ${link}`, `  ${expiry} (Also saved in ${file}.)`];
}

export function startMessage(
  config: ServerConfig,
  started: { newStaffToken: string | null; warnings: readonly string[]; demo: DemoOrder; firstAdminLink?: string | null },
  isTerminal: boolean,
): string {
  const lines = [
    `The register endpoint is running: open ${config.publicUrl}/`,
    `Staff console: ${config.publicUrl}/staff/`,
    `Data folder: ${config.dataDir}`,
  ];
  if (started.warnings.length) lines.push('', 'Warnings:', ...started.warnings.map((warning) => `  ${warning}`));
  if (started.firstAdminLink) lines.push(...firstAdminLines(config, started.firstAdminLink, isTerminal));
  if (started.newStaffToken) lines.push(...staffTokenLines(config, started.newStaffToken, isTerminal));
  lines.push(...demoOrderLines(config, started.demo, isTerminal));
  return `\n  ${lines.join('\n  ')}\n\n  Stop it with Ctrl+C.\n`;
}
