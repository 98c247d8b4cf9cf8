// `npm run register -- audit verify` and `npm run register -- staff-token rotate`: the staff side's
// commands, on the machine that holds the register (its data folder, or DATABASE_URL).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../server/audit-chain.js';
import { readConfig } from '../server/config.js';
import { rotateStaffToken, staffTokenFile } from '../server/staff-token.js';
import { openPgStore, openSqliteStore } from '../server/store/kysely-store.js';

export const staffUsage = `  audit verify [--data-dir DIR] [--database-url URL]
      Check the audit trail's hash chain from its first entry: says OK with the number of entries,
      or the first entry (seq) where the chain breaks (an entry changed, removed or out of order).
      The register in DIR/register.sqlite, or the PostgreSQL database at URL (default: $DATABASE_URL).
  staff-token rotate [--data-dir DIR]
      Make a new staff token (the service account's) in DIR/staff-token; a running register takes
      it up at once and the old token stops working. Not when STAFF_TOKEN is set: change it there.
`;

export type StaffCommand =
  { name: 'audit-verify'; dataDir?: string; databaseUrl?: string } | { name: 'staff-token-rotate'; dataDir?: string };

/** `audit verify …` or `staff-token rotate …`; throws with what is wrong. */
export function parseStaffCommand(name: string, rest: readonly string[]): StaffCommand {
  const [verb, ...flags] = rest;
  const { values } = parseArgs({
    args: [...flags],
    options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const dataDir = values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {};
  if (name === 'audit' && verify(verb))
    return { name: 'audit-verify', ...dataDir, ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}) };
  if (name === 'staff-token' && verb === 'rotate') {
    if (values['database-url'] !== undefined) throw new Error('staff-token rotate takes no --database-url');
    return { name: 'staff-token-rotate', ...dataDir };
  }
  throw new Error(`unknown command "${[name, verb].filter(Boolean).join(' ')}"`);
}

const verify = (verb: string | undefined) => verb === 'verify';

export async function runStaffCommand(
  command: StaffCommand,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  isTerminal: boolean,
): Promise<number> {
  const config = readConfig(env, command.dataDir !== undefined ? ['--data-dir', command.dataDir] : []);
  if (command.name === 'staff-token-rotate') {
    if (config.staffToken !== undefined) {
      err('STAFF_TOKEN is set: the staff token comes from there, so change it there (and on every instance).\n');
      return 1;
    }
    const token = rotateStaffToken(config.dataDir);
    out(`A new staff token is in ${staffTokenFile(config.dataDir)}; the old one no longer works.\n`);
    // A secret only to a terminal, as npm start does.
    if (isTerminal) out(`  ${token}\n`);
    return 0;
  }
  const databaseUrl = command.databaseUrl ?? config.databaseUrl;
  const store =
    databaseUrl !== undefined
      ? await openPgStore(databaseUrl, { max: 1 })
      : await openSqliteStore(path.join(config.dataDir, 'register.sqlite'));
  try {
    const check = await verifyAuditChain(store);
    if (check.isIntact) {
      out(`OK: the audit trail's chain is intact (${check.count} entries).\n`);
      return 0;
    }
    err(`BROKEN at seq ${check.brokenAt}: ${check.reason}. The ${check.count} entries before it are intact.\n`);
    return 1;
  } finally {
    await store.close();
  }
}
