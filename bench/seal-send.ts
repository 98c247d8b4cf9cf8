// 3. Sealing and sending, in Node (WebCrypto, fake-indexeddb): the time to seal one completed EDE-Q
// (buildSubmissionPayload + seal: ES256 sign, ECDH-ES+A256KW/A256GCM encrypt), and the time for one
// device's sync engine to deliver 1,000 sealed submissions through httpRegisterClient to the real
// register (startRegister) on 127.0.0.1, each receipt verified.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { buildSubmissionPayload, computeScores, exampleAnswers, type ParsedDefinition } from '../src/core/index.js';
import { parseDefinition } from '../src/core/parse-definition.js';
import {
  claimOrder,
  createSyncEngine,
  DeviceDatabase,
  getDeviceKey,
  httpRegisterClient,
  OutboxStatus,
  seal,
  type OutboxRow,
} from '../src/device/index.js';
import { log, summarise, type BenchServer, type Summary } from './lib.js';

export interface SealSendResult {
  sealMs: Summary;
  deliver: { submissions: number; seconds: number; perSecond: number; acknowledged: number };
}

export function edeQ(root: string): ParsedDefinition {
  const result = parseDefinition(JSON.parse(readFileSync(path.join(root, 'questionnaires/ede-q-6.0.json'), 'utf8')));
  if (!result.ok) throw new Error('EDE-Q does not parse');
  return { definition: result.definition, hash: result.hash, key: result.key };
}

export function payloadFor(parsed: ParsedDefinition, orderId: string) {
  const example = parsed.definition.examples?.[0];
  if (!example) throw new Error('EDE-Q has no example answers');
  const answers = exampleAnswers(example);
  const now = new Date().toISOString();
  return buildSubmissionPayload({
    submissionId: crypto.randomUUID(),
    orderId,
    parsed,
    answers,
    scores: computeScores(parsed.definition, answers),
    language: 'en',
    startedAt: now,
    completedAt: now,
    appVersion: 'bench',
  });
}

export async function measureSeal(root: string, runs = 200): Promise<Summary> {
  const parsed = edeQ(root);
  const device = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const register = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const publicJwk = await exportJWK(device.publicKey);
  const deviceKey = { privateKey: device.privateKey, thumbprint: await calculateJwkThumbprint(publicJwk) };
  const registerJwk = await exportJWK(register.publicKey);
  const registerKey = { kid: 'bench', jwk: registerJwk } as Parameters<typeof seal>[2];
  const times: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const start = performance.now();
    await seal(payloadFor(parsed, crypto.randomUUID()), deviceKey, registerKey);
    if (i >= 20) times.push(performance.now() - start); // the first 20 warm the JIT
  }
  return summarise(times, true);
}

export async function measureDelivery(root: string, server: BenchServer, count = 1000): Promise<SealSendResult['deliver']> {
  const parsed = edeQ(root);
  const db = new DeviceDatabase(`bench-${crypto.randomUUID()}`);
  const client = httpRegisterClient({ baseUrl: server.url });
  const deviceKey = await getDeviceKey(db);
  const validUntil = new Date(Date.now() + 86_400_000).toISOString();
  log(`preparing ${count} orders, claims and sealed submissions`);
  for (let i = 0; i < count; i++) {
    const created = await server.staff('POST', '/api/orders', {
      patientRef: `BENCH-${i}`,
      questionnaires: [parsed.key],
      measurementPoint: 'bench',
      validUntil,
    });
    const { accessCode } = created.json as { accessCode: string };
    const claimed = await claimOrder(db, client, accessCode);
    if (claimed.kind !== 'claimed') throw new Error(`claim ${i} failed: ${JSON.stringify(claimed)}`);
    const payload = payloadFor(parsed, claimed.order.id);
    const token = await seal(payload, deviceKey, claimed.order.encryptionKey);
    const at = new Date().toISOString();
    const row: OutboxRow = {
      submissionId: payload.submissionId,
      orderId: claimed.order.id,
      responseId: crypto.randomUUID(),
      definitionKey: parsed.key,
      status: OutboxStatus.queued,
      token,
      attempts: 0,
      nextAttemptAt: at,
      waitingFor: null,
      lastError: null,
      receipt: null,
      createdAt: at,
      updatedAt: at,
    };
    await db.outbox.add(row);
  }
  const engine = createSyncEngine({ db, client, exclusive: (task) => task(), isOnline: () => true });
  const start = performance.now();
  const report = await engine.sendDue();
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return { submissions: count, seconds, perSecond: count / seconds, acknowledged: report.acknowledged };
}
