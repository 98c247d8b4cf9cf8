// The register's API as the device calls it. Every outcome is one of three: the answer, a final
// refusal (kept and shown, never retried), or "try again later" with the reason it waits.
import type { z } from 'zod/mini';
import {
  ApiError,
  apiErrorBody,
  deviceApi,
  isTransientStatus,
  type ApiErrorBody,
  type ClaimRequest,
  type ClaimResponse,
  type EnrolTabletResponse,
  type Endpoint,
  type ProofOfWork,
  type ProofOfWorkChallenge,
  type PublicP256Jwk,
  type SubmitResponse,
  type UnitOrder,
} from '../core/index.js';
import { WaitReason } from './rows.js';

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'refused'; status: number; error: ApiErrorBody }
  | { kind: 'retry'; reason: WaitReason; retryAfterMs: number | null; error: ApiErrorBody | null };

export interface RegisterClient {
  claim(request: ClaimRequest): Promise<Outcome<ClaimResponse>>;
  submit(token: string): Promise<Outcome<SubmitResponse>>;
  /** Shared tablets: enrolment, the unit's orders of the day, and claiming one of them. */
  /** `name`: the label staff give the tablet, shown in the register's list of tablets. */
  enrolTablet(code: string, name?: string): Promise<Outcome<EnrolTabletResponse>>;
  listUnitOrders(tabletToken: string): Promise<Outcome<{ orders: UnitOrder[] }>>;
  claimForTablet(tabletToken: string, orderId: string, deviceKey: PublicP256Jwk): Promise<Outcome<ClaimResponse>>;
}

export interface HttpClientOptions {
  /** Where the register is; the app's own origin by default. */
  baseUrl?: string;
  fetcher?: typeof fetch;
  /** A request with no answer after this long is abandoned and retried later. */
  timeoutMs?: number;
  /**
   * Solves the proof of work the register asks a request carrying a code for (lazyProofSolver in the
   * app, in lazy-proof-solver.ts). Without one, such a request stays refused as the register answered: the service worker
   * only sends responses, which never need a proof.
   */
  solveProofOfWork?: ProofSolver;
}

export type ProofSolver = (challenge: ProofOfWorkChallenge, code: string) => Promise<ProofOfWork | null>;

function retryAfterMs(response: Response, body: ApiErrorBody | null): number | null {
  const header = Number(response.headers.get('Retry-After'));
  if (Number.isFinite(header) && header > 0) return header * 1000;
  return body?.retryAfterSeconds ? body.retryAfterSeconds * 1000 : null;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Sends a request that carries a code; when the register asks for a proof of work (many codes are
 * being guessed), solves it for that code in the background and sends it again. Asked again, the
 * difficulty rose or the challenge expired meanwhile: solved anew, a few times at most.
 */
async function withProof<T>(
  solve: ProofSolver | undefined,
  code: string,
  send: (proof?: ProofOfWork) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  let outcome = await send();
  for (let tries = 0; solve && tries < 3 && outcome.kind === 'refused' && outcome.error.proofOfWork; tries++) {
    const proof = await solve(outcome.error.proofOfWork, code);
    if (!proof) break;
    outcome = await send(proof);
  }
  return outcome;
}

export function httpRegisterClient({
  baseUrl = '',
  fetcher = fetch,
  timeoutMs = 20_000,
  solveProofOfWork,
}: HttpClientOptions = {}): RegisterClient {
  /** One call of an endpoint of the register's table: its address and method, and its answer parsed with its response schema. */
  async function request<T, B>(
    // The device's endpoints have no path parameters: their path is their address.
    endpoint: Endpoint & { response: z.ZodMiniType<T>; body?: z.ZodMiniType<unknown, B>; params?: never },
    body: B,
    bearer?: string,
  ): Promise<Outcome<T>> {
    let response: Response;
    try {
      response = await fetcher(`${baseUrl}${endpoint.path}`, {
        method: endpoint.method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      const isTimeout = error instanceof DOMException && error.name === 'TimeoutError';
      return { kind: 'retry', reason: isTimeout ? WaitReason.timeout : WaitReason.network, retryAfterMs: null, error: null };
    }
    const json = await readJson(response);
    if (response.ok) {
      const parsed = endpoint.response.safeParse(json);
      if (parsed.success) return { kind: 'ok', value: parsed.data };
      const error = { error: ApiError.internal, message: 'The register answered in a shape this app does not understand' };
      return { kind: 'retry', reason: WaitReason.failure, retryAfterMs: null, error };
    }
    const parsedError = apiErrorBody.safeParse(json);
    const error: ApiErrorBody = parsedError.success
      ? parsedError.data
      : { error: ApiError.internal, message: `The register answered ${response.status}` };
    // By the HTTP status, which a proxy's 502 or a 408 has too; the register's own is its code's (apiErrorStatus).
    if (isTransientStatus(response.status))
      return { kind: 'retry', reason: WaitReason.failure, retryAfterMs: retryAfterMs(response, error), error };
    return { kind: 'refused', status: response.status, error };
  }

  return {
    claim: (claim) => withProof(solveProofOfWork, claim.code, (proof) => request(deviceApi.claim, proof ? { ...claim, proof } : claim)),
    submit: (token) => request(deviceApi.submit, { token }),
    enrolTablet: (code, name) =>
      withProof(solveProofOfWork, code, (proof) =>
        request(deviceApi.enrolTablet, { code, ...(name === undefined ? {} : { name }), ...(proof ? { proof } : {}) }),
      ),
    listUnitOrders: (tabletToken) => request(deviceApi.listUnitOrders, undefined, tabletToken),
    claimForTablet: (tabletToken, orderId, deviceKey) => request(deviceApi.claimForTablet, { orderId, deviceKey }, tabletToken),
  };
}
