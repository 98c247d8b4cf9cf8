// A register for device tests: it really opens sealed submissions (JWE, then the JWS with the
// order's device key), stores each once by submission id, and signs receipts; and it can be told to
// fail in scripted ways first.
import { calculateJwkThumbprint, compactDecrypt, compactVerify, CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import {
  ApiError,
  canonicalJson,
  publicP256Jwk,
  submissionPayload,
  type ClaimRequest,
  type ClaimResponse,
  type ParsedDefinition,
  type PublicP256Jwk,
  type SubmissionPayload,
  type SubmitResponse,
} from '../../src/core/index.js';
import { contentHash } from '../../src/core/content-hash.js';
import type { Outcome, RegisterClient } from '../../src/device/register-client.js';
import { WaitReason } from '../../src/device/rows.js';

/** What the register does with the next request: fail in one of these ways, or answer. */
export type Behaviour =
  | 'network' // the request never arrives
  | 'timeout' // no answer in time; nothing stored
  | 'lostAnswer' // stored, but the answer never reaches the device
  | 'error500'
  | 'busy503' // with Retry-After
  | 'ok';

export interface StoredSubmission {
  payload: SubmissionPayload;
  payloadHash: string;
  receipt: SubmitResponse;
}

export interface FakeRegisterOptions {
  orderId?: string;
  /** The register's clock (the device's by default); a device whose clock is off is one that differs from it. */
  now?: () => number;
  /** The order's validity, from the register's now; ten years when not given. */
  validDays?: number;
}

const day = 86_400_000;

/**
 * The register's receiving end: its keys, and the submissions it opened and stored once each by
 * submission id, with a signed receipt.
 */
async function createReceiver(now: () => number) {
  const encryption = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256' });
  const signing = await generateKeyPair('ES256');
  const stored = new Map<string, StoredSubmission>();
  let deviceKey: PublicP256Jwk | null = null;

  async function open(token: string): Promise<SubmissionPayload> {
    const { plaintext } = await compactDecrypt(token, encryption.privateKey);
    if (!deviceKey) throw new Error('no device has claimed the order');
    const { payload, protectedHeader } = await compactVerify(new TextDecoder().decode(plaintext), await importJWK(deviceKey, 'ES256'));
    if (protectedHeader.kid !== (await calculateJwkThumbprint(deviceKey, 'sha256'))) throw new Error('wrong key id');
    return submissionPayload.parse(JSON.parse(new TextDecoder().decode(payload)));
  }

  async function store(token: string): Promise<Outcome<SubmitResponse>> {
    let payload: SubmissionPayload;
    try {
      payload = await open(token);
    } catch (error) {
      return { kind: 'refused', status: 400, error: { error: ApiError.invalidToken, message: String(error) } };
    }
    const payloadHash = contentHash({ content: canonicalJson(payload) });
    const existing = stored.get(payload.submissionId);
    if (existing) {
      if (existing.payloadHash !== payloadHash)
        return { kind: 'refused', status: 409, error: { error: ApiError.submissionConflict, message: 'different payload' } };
      return { kind: 'ok', value: existing.receipt };
    }
    const claims = {
      submissionId: payload.submissionId,
      orderId: payload.orderId,
      receivedAt: new Date(now()).toISOString(),
      storedHash: contentHash({ token }),
    };
    const receipt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'ES256', kid: 'rcpt-1' })
      .sign(signing.privateKey);
    const answer = { ...claims, receipt };
    stored.set(payload.submissionId, { payload, payloadHash, receipt: answer });
    return { kind: 'ok', value: answer };
  }

  return {
    encryption,
    signing,
    stored,
    store,
    /** The key of the device that claimed the order: submissions must be signed with it. */
    claimedBy: (key: PublicP256Jwk) => void (deviceKey = key),
  };
}

/** What the register answers an upload that fails as `behaviour` (storing it first if only the answer is lost). */
async function failed(behaviour: Exclude<Behaviour, 'ok'>, store: () => Promise<unknown>): Promise<Outcome<SubmitResponse>> {
  switch (behaviour) {
    case 'network':
      return { kind: 'retry', reason: WaitReason.network, retryAfterMs: null, error: null };
    case 'timeout':
      return { kind: 'retry', reason: WaitReason.timeout, retryAfterMs: null, error: null };
    case 'error500':
      return { kind: 'retry', reason: WaitReason.failure, retryAfterMs: null, error: { error: ApiError.internal, message: '500' } };
    case 'busy503':
      return { kind: 'retry', reason: WaitReason.failure, retryAfterMs: 30_000, error: { error: ApiError.internal, message: '503' } };
    case 'lostAnswer':
      await store();
      return { kind: 'retry', reason: WaitReason.network, retryAfterMs: null, error: null };
  }
}

export async function createFakeRegister(
  parsed: ParsedDefinition,
  { orderId = 'order-1', now = Date.now, validDays }: FakeRegisterOptions = {},
) {
  const receiver = await createReceiver(now);
  const encryptionJwk = publicP256Jwk.parse(await exportJWK(receiver.encryption.publicKey));
  const receiptJwk = publicP256Jwk.parse(await exportJWK(receiver.signing.publicKey));
  const script: Behaviour[] = [];
  let requests = 0;

  const claimResponse = (): ClaimResponse => ({
    order: {
      id: orderId,
      registerName: 'Test register',
      measurementPoint: 'basis',
      questionnaires: [{ key: parsed.key, hash: parsed.hash }],
      validFrom: validDays === undefined ? '2026-01-01T00:00:00.000Z' : new Date(now()).toISOString(),
      validUntil: validDays === undefined ? '2036-01-01T00:00:00.000Z' : new Date(now() + validDays * day).toISOString(),
    },
    definitions: [parsed.definition as unknown as Record<string, unknown>],
    encryptionKey: { kid: 'enc-1', jwk: encryptionJwk },
    receiptKey: { kid: 'rcpt-1', jwk: receiptJwk },
    serverTime: new Date(now()).toISOString(),
  });

  const client: RegisterClient = {
    async claim(request: ClaimRequest) {
      receiver.claimedBy(request.deviceKey);
      return { kind: 'ok', value: claimResponse() };
    },
    async enrolTablet() {
      return { kind: 'ok', value: { tabletToken: 'tablet-token', unit: 'Test unit' } };
    },
    async listUnitOrders() {
      return { kind: 'ok', value: { orders: [] } };
    },
    async claimForTablet(_token: string, _orderId: string, key: PublicP256Jwk) {
      receiver.claimedBy(key);
      return { kind: 'ok', value: { ...claimResponse(), resumeSecret: 'resume-secret' } };
    },
    async submit(token: string) {
      requests++;
      const behaviour = script.shift() ?? 'ok';
      return behaviour === 'ok' ? receiver.store(token) : failed(behaviour, () => receiver.store(token));
    },
  };

  return {
    client,
    stored: receiver.stored,
    /** The next requests fail like this, in turn; after them, the register answers. */
    fail: (...behaviours: Behaviour[]) => script.push(...behaviours),
    requestCount: () => requests,
    encryptionPrivateKey: receiver.encryption.privateKey,
  };
}

/** A fake register, as createFakeRegister makes it. */
export type FakeRegister = Awaited<ReturnType<typeof createFakeRegister>>;
