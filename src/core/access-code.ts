// Access codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), shown
// in groups of four. 12 × log2(29) ≈ 58.3 bits of randomness.
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const ACCESS_CODE_LENGTH = 12;

/** Bits of randomness in one code. */
export const ACCESS_CODE_BITS = ACCESS_CODE_LENGTH * Math.log2(ACCESS_CODE_ALPHABET.length);

/**
 * A code from random bytes, by rejection sampling so every character is equally likely. Needs at
 * least ACCESS_CODE_LENGTH usable bytes; returns null when `random` ran out (ask for more bytes).
 */
export function accessCodeFromBytes(random: Uint8Array): string | null {
  const size = ACCESS_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  for (const byte of random) {
    if (byte >= limit) continue;
    code += ACCESS_CODE_ALPHABET[byte % size];
    if (code.length === ACCESS_CODE_LENGTH) return formatAccessCode(code);
  }
  return null;
}

/** "K7QM3XHD9TBW" → "K7QM-3XHD-9TBW". */
export function formatAccessCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a person typed, made comparable: case, spaces and dashes do not matter. */
export function normaliseAccessCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-–_.]/g, '');
}

export function isWellFormedAccessCode(normalised: string): boolean {
  return normalised.length === ACCESS_CODE_LENGTH && [...normalised].every((c) => ACCESS_CODE_ALPHABET.includes(c));
}
