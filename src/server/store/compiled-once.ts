// Kysely builds and compiles a query anew each time it runs: tens of microseconds, three times for
// every submission received. The queries on that path are built with a marker in place of each
// value and compiled once per database (SQLite and PostgreSQL differ in their placeholders), then
// run with the values put where the markers were: the same SQL, the same parameters, in order.
import type { Compilable, CompiledQuery, Kysely, QueryResult, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Executor = Kysely<Database> | Transaction<Database>;

const markerPrefix = '\u0000value:';

export function compiledOnce<Name extends string, Row>(
  build: (db: Executor, marker: (name: Name) => string) => Compilable<Row>,
): (db: Executor, values: Readonly<Record<Name, unknown>>) => Promise<QueryResult<Row>> {
  let compiled: { query: CompiledQuery<Row>; slots: (string | undefined)[] } | undefined;
  return (db, values) => {
    if (!compiled) {
      const query = build(db, (name) => markerPrefix + name).compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(markerPrefix) ? value.slice(markerPrefix.length) : undefined,
      );
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const byName: Readonly<Record<string, unknown>> = values;
    return db.executeQuery({
      ...query,
      parameters: query.parameters.map((value, i) => (slots[i] === undefined ? value : byName[slots[i]])),
    });
  };
}
