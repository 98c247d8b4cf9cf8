// The one check in front of every staff route: the staff token as the bearer, compared in constant
// time (both sides hashed first, so that neither the length nor the bytes of the token leak by timing).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../core/index.js';
import { ApiFailure } from './errors.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The token after `Bearer `, or '' when there is none. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

export type StaffGuard = (request: FastifyRequest) => Promise<void>;

/** An onRequest hook: a caller without the staff token is refused before its body is read. */
export function staffOnly(staffToken: string): StaffGuard {
  const expected = digest(staffToken);
  return async (request) => {
    if (!timingSafeEqual(digest(bearerToken(request)), expected))
      throw new ApiFailure(ApiError.unauthorized, 'A valid staff token is needed (Authorization: Bearer …)');
  };
}
