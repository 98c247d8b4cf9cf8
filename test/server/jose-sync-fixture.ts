// What the jose-sync-*.test.ts files share: base64url, the register key id, and ways to change one
// part of a compact JWE or JWS.
export const encoder = new TextEncoder();
export const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
export const unb64 = (part: string) => Buffer.from(part, 'base64url').toString('utf8');
export const kid = 'register-key-1';

export const withPart = (token: string, index: number, change: (part: string) => string) =>
  token
    .split('.')
    .map((part, i) => (i === index ? change(part) : part))
    .join('.');
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The last character of a 16-byte part (22 characters, 4 bits unused) with its lowest, unused bit flipped. */
export const spareBitSet = (part: string) => part.slice(0, -1) + (alphabet[alphabet.indexOf(part.at(-1) ?? 'A') ^ 1] ?? '');
/** One character changed in the middle of a part (never the last, whose low bits may be padding). */
export const flip = (part: string) => {
  const at = Math.floor(part.length / 2);
  return part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
};
