// The console's calls to the register: same origin, the session cookie, and the CSRF token on every
// POST. Every answer is parsed with its schema; a refusal becomes a StaffApiError with its code.
import { z } from 'zod/mini';
import { endpointUrl, type Endpoint } from '../../core/index.js';

export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    /** The register's error code, or "network" when it could not be reached. */
    readonly code: string,
    readonly details: readonly string[] = [],
  ) {
    super(`${status} ${code}`);
  }
}

export interface StaffApi {
  get<T>(path: string, schema: z.ZodMiniType<T>, query?: Record<string, string | undefined>): Promise<T>;
  post<T>(path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T>;
  /** A file answer (CSV, JSON export) as a Blob. */
  download(path: string, query?: Record<string, string | undefined>): Promise<Blob>;
  setCsrfToken(token: string | null): void;
  /** Called when the register says the session is over (401 on any route but sign-in itself). */
  setOnSignedOut(handler: (() => void) | null): void;
}

/** A path of the contract, with `:name` filled in. */
export const pathOf = (endpoint: Pick<Endpoint, 'path'>, params: Record<string, string> = {}) => endpointUrl(endpoint, params);

const withQuery = (path: string, query: Record<string, string | undefined> = {}) => {
  const given = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return given.length ? `${path}?${new URLSearchParams(given).toString()}` : path;
};

/** Any refusal in the register's shape; the code may be one another branch adds (signInFailed, csrfFailed, …). */
const refusalBody = z.object({ error: z.string(), details: z.optional(z.array(z.string())) });

async function refusal(response: Response): Promise<StaffApiError> {
  const parsed = refusalBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new StaffApiError(response.status, parsed.data.error, parsed.data.details ?? []);
  return new StaffApiError(response.status, response.status === 403 ? 'forbidden' : `http${response.status}`);
}

export function httpStaffApi(fetcher: typeof fetch = (input, init) => fetch(input, init)): StaffApi {
  let csrfToken: string | null = null;
  let onSignedOut: (() => void) | null = null;
  const send = async (path: string, init: RequestInit) => {
    let response: Response;
    try {
      response = await fetcher(path, { credentials: 'same-origin', ...init });
    } catch {
      throw new StaffApiError(0, 'network');
    }
    if (!response.ok) {
      const refused = await refusal(response);
      if (refused.status === 401 && !path.startsWith('/api/staff/session')) onSignedOut?.();
      throw refused;
    }
    return response;
  };
  return {
    async get(path, schema, query) {
      const response = await send(withQuery(path, query), { headers: { accept: 'application/json' } });
      return schema.parse(await response.json());
    },
    async post(path, schema, body) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (csrfToken) headers['x-csrf-token'] = csrfToken;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await send(path, { method: 'POST', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      return schema.parse(await response.json());
    },
    async download(path, query) {
      return (await send(withQuery(path, query), {})).blob();
    },
    setCsrfToken(token) {
      csrfToken = token;
    },
    setOnSignedOut(handler) {
      onSignedOut = handler;
    },
  };
}
