// A throwaway PostgreSQL cluster for the server tests (vitest globalSetup of the node-postgres
// project): Debian's postgresql binaries (installed when missing and running as root on Debian),
// initdb in a temporary folder owned by an unprivileged user, a free port on 127.0.0.1, the Unix
// socket in the same folder; stopped and removed after the run. Each test file gets a database of
// its own (freshDatabase), dropped when it is done.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's superuser connection string, to the `postgres` database. */
    postgresAdminUrl: string;
  }
}

function findBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

function ensureBinaries(): string {
  const found = findBinaries();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log("PostgreSQL for the server tests: installing Debian's postgresql package");
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null'], {
      stdio: 'inherit',
    });
    const installed = findBinaries();
    if (installed) return installed;
  }
  throw new Error(
    "The server tests run against PostgreSQL too, and no PostgreSQL server binaries were found in /usr/lib/postgresql/*/bin. Install Debian's postgresql package (apt-get install postgresql), or run the tests as root on Debian to have it installed.",
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL binary as the unprivileged owner of the cluster (initdb refuses root). */
function runAs(user: string | undefined, command: string, args: string[]) {
  const [file, fileArgs] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const result = spawnSync(file, fileArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export default async function setup({ provide }: { provide: (key: 'postgresAdminUrl', value: string) => void }) {
  const bin = ensureBinaries();
  const folder = mkdtempSync(path.join(tmpdir(), 'eprom-postgres-'));
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? 'postgres' : undefined;
  if (isRoot) {
    const owner = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const group = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(folder, Number(owner), Number(group));
  }
  const data = path.join(folder, 'data');
  const port = await freePort();
  const stop = () => {
    try {
      runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    runAs(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    // Throwaway data: no fsync; enough connections for several instances with their pools.
    const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(folder, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  provide('postgresAdminUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return stop;
}

let sequence = 0;

/** A new, empty database on the tests' cluster; drop() removes it (closing whatever still uses it). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `register_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
