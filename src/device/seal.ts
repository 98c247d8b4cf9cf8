// Sealing: the submission is signed by the device (JWS, ES256) and the signed form encrypted to the
// register (JWE, ECDH-ES+A256KW with A256GCM). Only the register can open it; after sealing, the
// device itself cannot read the answers back.
import { CompactEncrypt, CompactSign, compactVerify, importJWK, type CryptoKey as JoseKey } from 'jose';
import { receiptClaims, type ReceiptClaims, type RegisterPublicKey, type SubmissionPayload } from '../core/index.js';
import type { DeviceKeyRow } from './rows.js';

const encoder = new TextEncoder();

export async function seal(
  payload: SubmissionPayload,
  deviceKey: Pick<DeviceKeyRow, 'privateKey' | 'thumbprint'>,
  registerKey: RegisterPublicKey,
): Promise<string> {
  const signed = await new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: deviceKey.thumbprint })
    .sign(deviceKey.privateKey);
  const encryptTo = (await importJWK(registerKey.jwk, 'ECDH-ES+A256KW')) as JoseKey;
  return new CompactEncrypt(encoder.encode(signed))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: registerKey.kid })
    .encrypt(encryptTo);
}

/** Checks a receipt's signature with the register's receipt key and returns its claims. */
export async function verifyReceipt(receipt: string, receiptKey: RegisterPublicKey): Promise<ReceiptClaims> {
  const key = (await importJWK(receiptKey.jwk, 'ES256')) as JoseKey;
  const { payload, protectedHeader } = await compactVerify(receipt, key, { algorithms: ['ES256'] });
  if (protectedHeader.kid !== undefined && protectedHeader.kid !== receiptKey.kid)
    throw new Error(`the receipt is signed with key ${protectedHeader.kid}, not ${receiptKey.kid}`);
  return receiptClaims.parse(JSON.parse(new TextDecoder().decode(payload)));
}
