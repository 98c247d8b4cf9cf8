// What the register's database holds, read from the SQLite file by a connection of its own: row
// counts and a sha256 of every table's rows in primary-key order, so "nothing changed" is checked on
// the bytes and not only on what the store chooses to return.
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface DbSnapshot {
  counts: Record<string, number>;
  hash: string;
}

export function snapshotDatabase(dataDir: string): DbSnapshot {
  const db = new Database(path.join(dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const pk = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[])
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => `"${column.name}"`);
      const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY ${pk.length > 0 ? pk.join(', ') : 'rowid'}`).all();
      counts[table] = rows.length;
      hash.update(`${table}\n`);
      for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    }
    return { counts, hash: hash.digest('hex') };
  } finally {
    db.close();
  }
}
