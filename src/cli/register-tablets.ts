// `npm run register -- tablets list|revoke`: staff see the enrolled tablets and revoke one, on the
// register's store itself (DATABASE_URL, or the SQLite file in the data folder), as the other
// register commands work. A revoked tablet's token is refused from then on; what it sealed before
// is still accepted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { ApiFailure } from '../server/errors.js';
import { revokeTablet, toTabletSummary } from '../server/register-tablets.js';
import { openPgStore, openSqliteStore } from '../server/store/kysely-store.js';
import type { RegisterStore } from '../server/store/store.js';

export const tabletsUsage = `  tablets list [--unit UNIT] [--data-dir DIR] [--database-url URL]
      The enrolled tablets (of one unit, or all): id, unit, name, when enrolled, last seen and revoked.
  tablets revoke TABLET_ID [--data-dir DIR] [--database-url URL]
      Revoke a tablet: its token is refused from now on (it can be enrolled again with a new
      enrolment code). Answers it sealed before are still accepted, so nothing is lost.
      Both work on the register's database: $DATABASE_URL or --database-url, else the SQLite file
      DIR/register.sqlite (default: $DATA_DIR or ./data).
`;

export type TabletsCommand = { name: 'tablets'; dataDir?: string; databaseUrl?: string } & (
  { action: 'list'; unit?: string } | { action: 'revoke'; id: string }
);

/** Reads the arguments after `tablets`; throws with the reason when they are wrong. */
export function parseTabletsArgs(args: readonly string[]): TabletsCommand {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'revoke') throw new Error(`tablets takes list or revoke, not "${action ?? ''}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { unit: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
    strict: true,
    allowPositionals: action === 'revoke',
  });
  const where = {
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
  };
  if (action === 'list') return { name: 'tablets', action, ...where, ...(values.unit !== undefined ? { unit: values.unit } : {}) };
  if (values.unit !== undefined) throw new Error('tablets revoke takes no --unit');
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw new Error('tablets revoke takes one tablet id');
  return { name: 'tablets', action, id, ...where };
}

async function openStore(command: TabletsCommand, env: NodeJS.ProcessEnv): Promise<RegisterStore | string> {
  const config = readConfig(env, command.dataDir !== undefined ? ['--data-dir', command.dataDir] : []);
  const databaseUrl = command.databaseUrl ?? config.databaseUrl;
  if (databaseUrl !== undefined) return openPgStore(databaseUrl);
  const file = path.join(config.dataDir, 'register.sqlite');
  if (!existsSync(file)) return `There is no register at ${file}: name its data folder (--data-dir) or its database (--database-url).`;
  return openSqliteStore(file);
}

const columns = ['id', 'unit', 'name', 'enrolled', 'last seen', 'revoked'] as const;

function tabletTable(rows: string[][]): string {
  const widths = columns.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)].join('\n') + '\n';
}

/** Runs the command; the exit code: 0 done, 1 refused (no such tablet, no register), 2 wrong configuration. */
export async function runTabletsCommand(
  command: TabletsCommand,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  let store: RegisterStore | string;
  try {
    store = await openStore(command, env);
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (typeof store === 'string') {
    err(`${store}\n`);
    return 1;
  }
  try {
    if (command.action === 'list') {
      const tablets = (await store.listTablets(command.unit === undefined ? {} : { unit: command.unit })).map(toTabletSummary);
      if (tablets.length === 0)
        out(command.unit === undefined ? 'No tablets are enrolled.\n' : `No tablets are enrolled for ${command.unit}.\n`);
      else out(tabletTable(tablets.map((t) => [t.id, t.unit, t.name ?? '-', t.enrolledAt, t.lastSeenAt ?? '-', t.revokedAt ?? '-'])));
      return 0;
    }
    const revoked = await revokeTablet(store, command.id, new Date());
    out(
      `Tablet ${revoked.revoked} is revoked (since ${revoked.revokedAt}): its token is refused; what it sealed before is still accepted.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    err(`Refused: ${error.message}; \`npm run register -- tablets list\` shows the tablets.\n`);
    return 1;
  } finally {
    await store.close();
  }
}
