// A throwaway PostgreSQL cluster for the register benchmark: the server tests' own (test/server/postgres.ts:
// Debian's binaries, initdb as the postgres user, fsync off, removed afterwards). Skipped, with the
// reason, when no PostgreSQL binaries are installed: the benchmark does not install them.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import startCluster from '../test/server/postgres.js';

export type BenchPostgres = { freshDatabase: () => Promise<string>; stop: () => void } | { skipped: string };

const hasBinaries = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((version) => existsSync(path.join('/usr/lib/postgresql', version, 'bin', 'initdb')));

export async function startBenchPostgres(): Promise<BenchPostgres> {
  if (!hasBinaries()) return { skipped: 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)' };
  let adminUrl = '';
  let stop: () => void;
  try {
    stop = await startCluster({ provide: (_key, value) => void (adminUrl = value) });
  } catch (error) {
    return { skipped: `the PostgreSQL cluster did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
  let sequence = 0;
  return {
    stop,
    freshDatabase: async () => {
      const name = `register_bench_${sequence++}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}
