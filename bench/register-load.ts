// The register benchmark's load: simulated devices that claim orders and seal EDE-Q submissions,
// fired over HTTP keep-alive by concurrent clients, their answers checked (statuses, receipts signed
// for the submission sent), and the rows the endpoint stored read back from its database.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { calculateJwkThumbprint } from 'jose';
import pg from 'pg';
import { claimResponse, submitResponse, type ClaimResponse, type PublicP256Jwk, type RegisterPublicKey } from '../src/core/index.js';
import { parseDefinition } from '../src/core/parse-definition.js';
import { seal, verifyReceipt } from '../src/device/seal.js';
import type { Endpoint } from './endpoint.js';
import { payloadFor } from './seal-send.js';

export interface Sealed {
  submissionId: string;
  token: string;
  deviceKey: PublicP256Jwk;
  receiptKey: RegisterPublicKey;
}

export interface Device {
  privateKey: CryptoKey;
  publicJwk: PublicP256Jwk;
  thumbprint: string;
}

export async function newDevice(): Promise<Device> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } satisfies PublicP256Jwk;
  return { privateKey: pair.privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc; NaN where there is none. */
export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are 14 and 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** Runs `task` over 0..count-1 with `concurrency` at once. */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Orders through the staff API, each claimed by one of the devices and answered with EDE-Q's example, sealed as the app seals. */
export async function prepare(endpoint: Endpoint, count: number, deviceCount: number): Promise<Sealed[]> {
  const devices = await Promise.all(Array.from({ length: deviceCount }, newDevice));
  const validUntil = new Date(Date.now() + 86_400_000).toISOString();
  const sealed: Sealed[] = new Array<Sealed>(count);
  let definition: ReturnType<typeof parseDefinition> | undefined;
  await pool(count, 8, async (i) => {
    const created = await endpoint.staff('POST', '/api/orders', {
      patientRef: `BENCH-${i}`,
      questionnaires: ['ede-q@6.0'],
      measurementPoint: 'bench',
      validUntil,
    });
    if (created.status !== 201) throw new Error(`order ${i}: ${created.status} ${JSON.stringify(created.json)}`);
    const { accessCode } = created.json as { accessCode: string };
    const device = devices[i % deviceCount]!;
    const response = await fetch(`${endpoint.url}/api/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: accessCode, deviceKey: device.publicJwk }),
    });
    if (response.status !== 200) throw new Error(`claim ${i}: ${response.status} ${await response.text()}`);
    const claimed: ClaimResponse = claimResponse.parse(await response.json());
    definition ??= parseDefinition(claimed.definitions[0]);
    if (!definition.ok) throw new Error('the claimed EDE-Q does not parse');
    const payload = payloadFor(definition, claimed.order.id);
    const token = await seal(payload, device, claimed.encryptionKey);
    sealed[i] = { submissionId: payload.submissionId, token, deviceKey: device.publicJwk, receiptKey: claimed.receiptKey };
  });
  return sealed;
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

export function post(agent: Agent, url: URL, body: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/api/submissions',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Fires the submissions over `concurrency` keep-alive connections; every answer kept in order. */
export async function fire(url: string, submissions: Sealed[], concurrency: number): Promise<{ answers: Answer[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const bodies = submissions.map((s) => JSON.stringify({ token: s.token }));
  const answers = new Array<Answer>(submissions.length);
  const started = performance.now();
  await pool(submissions.length, concurrency, async (i) => {
    answers[i] = await post(agent, target, bodies[i]!).catch((error: unknown) => ({ status: 0, body: String(error), ms: Number.NaN }));
  });
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { answers, seconds };
}

export async function storedIds(dataDir: string, databaseUrl: string | undefined): Promise<{ submissionId: string; tokenHash: string }[]> {
  const sql = 'SELECT submission_id AS "submissionId", token_hash AS "tokenHash" FROM submissions';
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ submissionId: string; tokenHash: string }>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(dataDir, 'register.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { submissionId: string; tokenHash: string }>(sql).all();
  } finally {
    db.close();
  }
}

/** How many answers had each status, and how many carried a receipt signed for the submission sent. */
export async function checkAnswers(
  answers: Answer[],
  sent: Sealed[],
): Promise<{ statuses: Record<string, number>; receiptsVerified: number }> {
  const statuses: Record<string, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  let receiptsVerified = 0;
  for (const [i, answer] of answers.entries()) {
    const submission = sent[i];
    if (!submission || (answer.status !== 201 && answer.status !== 200)) continue;
    const parsed = submitResponse.safeParse(JSON.parse(answer.body));
    if (!parsed.success || parsed.data.submissionId !== submission.submissionId) continue;
    const claims = await verifyReceipt(parsed.data.receipt, submission.receiptKey).catch(() => undefined);
    if (claims?.submissionId === submission.submissionId) receiptsVerified++;
  }
  return { statuses, receiptsVerified };
}
