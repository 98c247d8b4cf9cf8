// What the message tests share: the store of the test project (SQLite or PostgreSQL) with the
// register's keys, a captured delivery log, a real SMTP server (smtp-server) and a local HTTP server
// in the role of the SMS gateway, each keeping what it received, and the rows as the database holds them.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';
import { loadRegisterKeys, type RegisterKeys } from '../../src/server/keys.js';
import type { DeliveryContext, DeliveryLog } from '../../src/server/notify/delivery.js';
import { openPgStore, openSqliteStore } from '../../src/server/store/kysely-store.js';
import type { RegisterStore } from '../../src/server/store/store.js';
import { freshDatabase } from './postgres.js';
import { testStore } from './setup.js';

export interface MessageFixture {
  store: RegisterStore;
  keys: RegisterKeys;
  /** With PostgreSQL: the test's own database. */
  databaseUrl: string | undefined;
  /** Another store over the same database, as a second instance would have. */
  openAnother: () => Promise<RegisterStore>;
  /** Every row of a table, as the database holds it. */
  rawRows: (table: 'contacts' | 'messages') => Promise<Record<string, unknown>[]>;
  logs: string[];
  context: DeliveryContext;
  close: () => Promise<void>;
}

export const publicUrl = 'https://svar.example';

export function capturedLog(logs: string[]): DeliveryLog {
  const write = (fields: Record<string, unknown>, message: string) => logs.push(JSON.stringify({ ...fields, msg: message }));
  return { info: write, warn: write };
}

export async function messageFixture(): Promise<MessageFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eprom-notify-'));
  const { keys } = await loadRegisterKeys(dir);
  const database = testStore === 'postgres' ? await freshDatabase() : undefined;
  const file = path.join(dir, 'register.sqlite');
  const open = () => (database ? openPgStore(database.url) : openSqliteStore(file));
  const store = await open();
  const others: RegisterStore[] = [];
  const logs: string[] = [];
  const rawRows = async (table: 'contacts' | 'messages') => {
    if (!database) {
      const db = new Database(file, { readonly: true });
      try {
        return z.array(z.record(z.string(), z.unknown())).parse(db.prepare(`SELECT * FROM ${table}`).all());
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return z.array(z.record(z.string(), z.unknown())).parse((await client.query(`SELECT * FROM ${table}`)).rows);
    } finally {
      await client.end();
    }
  };
  return {
    store,
    keys,
    databaseUrl: database?.url,
    openAnother: async () => {
      const another = await open();
      others.push(another);
      return another;
    },
    rawRows,
    logs,
    context: { contactKey: keys.contactKey, publicUrl, log: capturedLog(logs) },
    close: async () => {
      for (const other of others) await other.close();
      await store.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

/** A real SMTP server on a random port; `refuse` makes it refuse recipients with 550. */
export async function smtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  refuse: (isRefusing: boolean) => void;
  close: () => Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  let isRefusing = false;
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'svar' && auth.password === 'p4ss') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (!isRefusing) return callback();
      // As a real server says it: quoting the address, which must not reach the stored reason.
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://svar:p4ss@127.0.0.1:${port}`,
    received,
    refuse: (value) => {
      isRefusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface GatewayRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export type GatewayBehaviour = 'accept' | 'fail' | 'hang';

/** A local HTTP server in the role of the SMS gateway: answers 200, 500, or not at all. */
export async function smsGateway(): Promise<{
  url: string;
  received: GatewayRequest[];
  behave: (behaviour: GatewayBehaviour) => void;
  close: () => Promise<void>;
}> {
  const received: GatewayRequest[] = [];
  let behaviour: GatewayBehaviour = 'accept';
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      if (behaviour === 'hang') return void hanging.push(response);
      response.writeHead(behaviour === 'accept' ? 200 : 500, { 'content-type': 'application/json' });
      response.end(behaviour === 'accept' ? '{"id":"gw-1"}' : '{"error":"internal"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    behave: (value) => {
      behaviour = value;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Words that would tell a reader what the patient is treated for, or where: none may appear in a message. */
export const forbiddenWords = [
  'norspis',
  'kvarus',
  'ect',
  'elektrokonvuls',
  'spiseforstyrr',
  'eating disorder',
  'rus',
  'rusmiddel',
  'alkohol',
  'psyki',
  'psych',
  'depresj',
  'depress',
  'angst',
  'anxiety',
  'phq',
  'gad',
  'ede-q',
  'audit',
  'dudit',
  'madrs',
  'cia',
  'register',
  'diagnos',
  'demo quality',
];

/** The forbidden words found in a text (whole words for the short ones, any part of a word for the stems). */
export function forbiddenIn(text: string): string[] {
  const lower = text.toLowerCase();
  return forbiddenWords.filter((word) =>
    word.length <= 4 ? new RegExp(`(^|[^a-zæøå])${word}($|[^a-zæøå])`).test(lower) : lower.includes(word),
  );
}
