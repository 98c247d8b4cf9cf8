// `npm run register -- <command>`: work on the register's store itself, on the machine that holds
// it: moving a SQLite register into PostgreSQL, the enrolled tablets (register-tablets.ts),
// previewing a measurement plan (plan-preview.ts), checking the audit trail, rotating the staff token,
// exporting the submissions (register-export.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { parseStaffCommand, runStaffCommand, staffUsage, type StaffCommand } from './register-staff.js';
import { describeKeys } from '../server/keys.js';
import { migrateSqliteToPostgres, shownDatabaseUrl, type Comparison } from '../server/store/migrate.js';
import { parseTabletsArgs, runTabletsCommand, tabletsUsage, type TabletsCommand } from './register-tablets.js';
import { parsePlanPreviewArgs, planPreviewUsage, runPlanPreview, type PlanPreviewCommand } from './plan-preview.js';
import { exportUsage, parseExportArgs, runExportCli, type ExportCommand } from './register-export.js';

export const registerUsage = `Usage: npm run register -- <command> [options]

Commands:
  migrate-to-postgres [--data-dir DIR] [--database-url URL] [--progress-every N]
      Copy the SQLite register in DIR/register.sqlite (default: $DATA_DIR or ./data) into the
      PostgreSQL database at URL (default: $DATABASE_URL): orders with their definition snapshots,
      access-code hashes, device bindings and states, submissions with their receipts, claim
      attempts, tablet enrolments. The database must hold no register yet. All in one
      transaction, committed only when both sides hold the same rows (counts and a sha256 per
      table), and checked again after the commit. The SQLite file is opened read-only.
      Stop the register endpoint first: what it receives during the copy would not be copied.
      --progress-every N   report progress every N rows of a table (default 1000)
${tabletsUsage}${planPreviewUsage}${staffUsage}${exportUsage}  help
      Show this text.

Exit codes: 0 done (copied and verified; the chain intact), 1 refused, not verified or broken, 2 wrong usage.
`;

export type RegisterCommand =
  | { name: 'migrate-to-postgres'; dataDir?: string; databaseUrl?: string; progressEvery: number }
  | TabletsCommand
  | PlanPreviewCommand
  | StaffCommand
  | ExportCommand
  | { name: 'help' };

/** Reads `argv` (without node and the script); never throws. */
export function parseRegisterCommandLine(argv: readonly string[]): { ok: true; command: RegisterCommand } | { ok: false; message: string } {
  const [name, ...rest] = argv;
  try {
    switch (name) {
      case 'migrate-to-postgres': {
        const { values } = parseArgs({
          args: rest,
          options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, 'progress-every': { type: 'string' } },
          strict: true,
          allowPositionals: false,
        });
        const progressEvery = Number(values['progress-every'] ?? '1000');
        if (!Number.isInteger(progressEvery) || progressEvery < 1)
          throw new Error(`--progress-every takes a whole number of rows, not "${values['progress-every']}"`);
        return {
          ok: true,
          command: {
            name,
            progressEvery,
            ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
            ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
          },
        };
      }
      case 'tablets':
        return { ok: true, command: parseTabletsArgs(rest) };
      case 'plan':
        return { ok: true, command: parsePlanPreviewArgs(rest) };
      case 'export':
        return { ok: true, command: parseExportArgs(rest) };
      case 'audit':
      case 'staff-token':
        return { ok: true, command: parseStaffCommand(name, rest) };
      case 'help':
      case '--help':
      case '-h':
        return { ok: true, command: { name: 'help' } };
      case undefined:
        return { ok: false, message: 'a command is missing' };
      default:
        return { ok: false, message: `unknown command "${name}"` };
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function comparisonTable(comparison: Comparison): string {
  const width = Math.max(...comparison.tables.map((table) => table.name.length));
  return comparison.tables
    .map(({ name, source, target, isEqual }) =>
      isEqual
        ? `  ${name.padEnd(width)}  ${String(source.rows).padStart(7)} rows  sha256 ${source.sha256}  same on both sides`
        : `  ${name.padEnd(width)}  DIFFERS: SQLite ${source.rows} rows, sha256 ${source.sha256}; PostgreSQL ${target.rows} rows, sha256 ${target.sha256}`,
    )
    .join('\n');
}

/** What was verified, and what to do next: the keys, the staff token, the instances. */
function verifiedReport(
  comparison: Comparison,
  encryptionKids: string[],
  config: { dataDir: string; keysFile?: string | undefined },
  keysFile: string,
  shownUrl: string,
): string {
  let text = '';
  const out = (part: string) => {
    text += part;
  };
  out(
    `\nVerified: every table holds the same rows in PostgreSQL as in SQLite (read back after the commit).\n${comparisonTable(comparison)}\n`,
  );
  // The rows are useless without the keys they were made with: access codes are stored as HMACs
  // under the keys' pepper, submissions are sealed to its encryption keys, receipts are signed with it.
  let keysNote: string;
  try {
    const kids = new Set(describeKeys(config.dataDir, config.keysFile).encryption.map((key) => key.kid));
    const missing = encryptionKids.filter((kid) => !kids.has(kid));
    keysNote = missing.length
      ? `  WARNING: orders use encryption keys that ${keysFile} does not hold (${missing.join(', ')}); find the keys file those orders were made with.\n`
      : '';
  } catch (error) {
    keysNote = `  WARNING: could not read the keys file ${keysFile} (${error instanceof Error ? error.message : String(error)}); without the SQLite register's keys no access code works and no submission opens.\n`;
  }
  out(
    [
      '',
      'Next:',
      '1. Keys. Every PostgreSQL instance must use the keys the SQLite register used: the access codes',
      '   are stored as HMACs under their pepper, submissions are sealed to their encryption keys, and',
      '   receipts are signed with their receipt key. Copy the file to every instance (readable by its',
      '   user only) and set:',
      `     REGISTER_KEYS_FILE=${keysFile}`,
      keysNote.trimEnd(),
      '2. Staff token. Set STAFF_TOKEN on every instance: the one staff use now is in',
      `   ${path.join(config.dataDir, 'staff-token')} (unless STAFF_TOKEN was set).`,
      '3. Start the instances with',
      `     DATABASE_URL=${shownUrl}`,
      '   and keep the SQLite data folder, unchanged, until you have checked the new register.',
      '',
    ]
      .filter((line, index, lines) => line !== '' || index === 0 || index === lines.length - 1)
      .join('\n'),
  );
  return text;
}

export async function runRegisterCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  isTerminal = false,
  /** Where an export goes (standard output); `out` when not given. */
  output?: NodeJS.WritableStream,
): Promise<number> {
  const parsed = parseRegisterCommandLine(argv);
  if (!parsed.ok) {
    err(`${parsed.message}\n\n${registerUsage}`);
    return 2;
  }
  const { command } = parsed;
  if (command.name === 'help') {
    out(registerUsage);
    return 0;
  }
  if (command.name === 'tablets') return runTabletsCommand(command, env, out, err);
  if (command.name === 'plan-preview') return runPlanPreview(command, { env, cwd: process.cwd(), out, err });
  if (command.name === 'export') return runExportCli(command, env, out, err, output);
  if (command.name === 'audit-verify' || command.name === 'staff-token-rotate') {
    try {
      return await runStaffCommand(command, env, out, err, isTerminal);
    } catch (error) {
      err(`${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  let config;
  try {
    config = readConfig(env, command.dataDir !== undefined ? ['--data-dir', command.dataDir] : []);
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const databaseUrl = command.databaseUrl ?? config.databaseUrl;
  if (databaseUrl === undefined) {
    err(`Name the PostgreSQL database: --database-url or DATABASE_URL.\n\n${registerUsage}`);
    return 2;
  }
  const sqliteFile = path.join(config.dataDir, 'register.sqlite');
  const keysFile = path.resolve(config.keysFile ?? path.join(config.dataDir, 'keys.json'));
  const shownUrl = shownDatabaseUrl(databaseUrl);
  out(`Copying the SQLite register ${sqliteFile}\n     into the PostgreSQL database ${shownUrl}\n`);
  let result;
  try {
    result = await migrateSqliteToPostgres({
      sqliteFile,
      databaseUrl,
      progressEvery: command.progressEvery,
      onProgress: (table, copied, total) => out(`  ${table}: ${copied} of ${total} rows copied\n`),
    });
  } catch (error) {
    err(
      `Error: the copy failed and was rolled back; the PostgreSQL database holds nothing of it: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  if (result.outcome === 'refused') {
    err(`Refused: ${result.reason}\n`);
    return 1;
  }
  if (result.outcome === 'notVerified') {
    err(
      result.isCommitted
        ? `NOT VERIFIED: the copy was committed, but reading it back found other rows than the SQLite register holds:\n${comparisonTable(result.comparison)}\nDo not start the register on this database: drop it, create it again, and run this again.\n`
        : `NOT VERIFIED: the copy differs from the SQLite register, so it was rolled back; the PostgreSQL database holds nothing of it:\n${comparisonTable(result.comparison)}\n`,
    );
    return 1;
  }

  out(verifiedReport(result.comparison, result.encryptionKids, config, keysFile, shownUrl));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runRegisterCli(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
    process.stdout.isTTY === true,
    process.stdout,
  );
}
