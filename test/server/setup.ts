// A register endpoint on a real SQLite file in a temporary folder, driven through Fastify's inject,
// and a device that claims and seals as the protocol says, built here with jose (not with the app's
// own sealing code, so the two are checked against the specification rather than each other).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { calculateJwkThumbprint, CompactEncrypt, CompactSign, importJWK, type CryptoKey as JoseKey } from 'jose';
import {
  buildSubmissionPayload,
  claimResponse,
  publicP256Jwk,
  type Answers,
  type ClaimResponse,
  type RegisterPublicKey,
  type SubmissionPayload,
} from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { readConfig } from '../../src/server/config.js';
import { loadRegisterKeys } from '../../src/server/keys.js';
import { startRegister, type RunningRegister } from '../../src/server/start.js';
import { freshDatabase } from './postgres.js';

export const staffToken = 'server-tests-staff-token-0123456789';

export type TestStore = 'sqlite' | 'postgres';

/** The store the server tests run on: the node project uses SQLite, the node-postgres project PostgreSQL. */
export const testStore: TestStore = process.env.REGISTER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestRegister extends RunningRegister {
  dataDir: string;
  storeKind: TestStore;
  /** With PostgreSQL: the test's own database. */
  databaseUrl: string | undefined;
  logs: string[];
  staff: (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown>; body: string }>;
  post: (
    url: string,
    body: unknown,
    options?: { headers?: Record<string, string>; address?: string },
  ) => Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, unknown> }>;
  restart: () => Promise<TestRegister>;
  close: () => Promise<void>;
}

async function appDirWithIndex(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eprom-app-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>test</title>');
  return dir;
}

export interface TestRegisterOptions {
  dataDir?: string;
  appDir?: string;
  /** Environment on top of the tests' own (STAFF_TOKEN, LOG_LEVEL=info, an https PUBLIC_URL). */
  env?: Record<string, string | undefined>;
  /** Default: testStore. With PostgreSQL, a fresh database (dropped by close) and a keys file in the data folder. */
  store?: TestStore;
  /** For restart: the database to use again. */
  database?: { url: string; drop: () => Promise<void> };
  /** The register's clock (staff sessions, orders); the real one by default. */
  now?: () => Date;
}

export async function startTestRegister(options: TestRegisterOptions = {}): Promise<TestRegister> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'eprom-register-')));
  const appDir = options.appDir ?? (await appDirWithIndex());
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const storeKind = options.store ?? testStore;
  const database = storeKind === 'postgres' ? (options.database ?? (await freshDatabase())) : undefined;
  const config = {
    ...readConfig({ STAFF_TOKEN: staffToken, LOG_LEVEL: 'info', PUBLIC_URL: 'https://register.example', ...options.env }),
    dataDir,
    appDir,
  };
  if (database) {
    config.databaseUrl = database.url;
    if (config.keysFile === undefined) {
      // Configured keys, as PostgreSQL requires: made in the data folder, where the SQLite tests find them too.
      await loadRegisterKeys(dataDir);
      config.keysFile = path.join(dataDir, 'keys.json');
    }
  }
  let running: RunningRegister;
  try {
    running = await startRegister(config, { logStream, ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    if (database && !options.database) await database.drop();
    throw error;
  }
  const inject = async (method: 'GET' | 'POST', url: string, body: unknown, headers: Record<string, string>, address = '127.0.0.1') => {
    const response = await running.app.inject({
      method,
      url,
      headers,
      remoteAddress: address,
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    let json: Record<string, unknown> = {};
    try {
      json = response.json();
    } catch {
      // not JSON: CSV or HTML
    }
    return { status: response.statusCode, json, body: response.body, headers: response.headers as Record<string, unknown> };
  };
  const self: TestRegister = {
    ...running,
    dataDir,
    storeKind,
    databaseUrl: database?.url,
    logs,
    staff: (method, url, body) =>
      inject(method, url, body, {
        authorization: `Bearer ${staffToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      }),
    post: (
      url,
      body,
      { headers = { 'content-type': 'application/json' }, address }: { headers?: Record<string, string>; address?: string } = {},
    ) => inject('POST', url, body, headers, address),
    restart: async () => {
      await running.app.close();
      return startTestRegister({ ...options, dataDir, appDir, ...(database ? { database } : {}) });
    },
    close: async () => {
      await running.app.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(appDir, { recursive: true, force: true });
    },
  };
  return self;
}

export interface TestDevice {
  privateKey: CryptoKey;
  publicJwk: ReturnType<typeof publicP256Jwk.parse>;
  thumbprint: string;
}

export async function newDevice(): Promise<TestDevice> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = publicP256Jwk.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  return { privateKey: pair.privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export async function createOrder(register: TestRegister, questionnaires = ['demo-wellbeing@1'], extra: Record<string, unknown> = {}) {
  const response = await register.staff('POST', '/api/orders', {
    patientRef: 'pseudo-42',
    questionnaires,
    measurementPoint: 'basis',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    ...extra,
  });
  if (response.status !== 201) throw new Error(`order: ${response.status} ${JSON.stringify(response.json)}`);
  return response.json as { order: { id: string }; accessCode: string; link: string };
}

export async function claim(register: TestRegister, code: string, device: TestDevice, address = '10.0.0.1'): Promise<ClaimResponse> {
  const response = await register.post('/api/claim', { code, deviceKey: device.publicJwk }, { address });
  if (response.status !== 200) throw new Error(`claim: ${response.status} ${JSON.stringify(response.json)}`);
  return claimResponse.parse(response.json);
}

/** A complete, valid answer set for the demo questionnaire. */
export const demoAnswers: Answers = {
  mood_overall: { value: 'good' },
  worry: { value: 2 },
  good_sleep_days: { value: 20 },
  woke_rested: { value: 'often' },
  felt_lonely: { value: 'sometimes' },
  had_hard_time: { value: false },
  has_appointment: { value: false },
};

export function payloadFor(claimed: ClaimResponse, answers: Answers = demoAnswers, index = 0): SubmissionPayload {
  const parsed = parseDefinition(claimed.definitions[index]);
  if (!parsed.ok) throw new Error('definition');
  const at = new Date().toISOString();
  return buildSubmissionPayload({
    submissionId: crypto.randomUUID(),
    orderId: claimed.order.id,
    parsed,
    answers,
    language: 'nb',
    startedAt: at,
    completedAt: at,
    appVersion: 'test',
  });
}

const encoder = new TextEncoder();

/** A JWS compact serialisation (ES256) of any payload, with the device's thumbprint as key id unless told otherwise. */
export async function signAs(device: TestDevice, payload: unknown, kid: string = device.thumbprint): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', kid }).sign(device.privateKey);
}

/** A JWE compact serialisation (ECDH-ES+A256KW, A256GCM) of any text to a register key. */
export async function encryptTo(registerKey: RegisterPublicKey, plaintext: string, kid: string = registerKey.kid): Promise<string> {
  const key = (await importJWK(registerKey.jwk, 'ECDH-ES+A256KW')) as JoseKey;
  return new CompactEncrypt(encoder.encode(plaintext)).setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid }).encrypt(key);
}

export async function sealFor(device: TestDevice, claimed: ClaimResponse, payload: SubmissionPayload): Promise<string> {
  return encryptTo(claimed.encryptionKey, await signAs(device, payload));
}
