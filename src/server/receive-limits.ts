// Bounds on a signed submission payload, checked on its bytes before they are parsed: JSON.parse,
// zod and canonicalJson all walk a value recursively, and a payload nested a few thousand levels deep
// (in `scores`, which the schema takes as arbitrary JSON) overflowed the stack in canonicalJson, a 500 that
// the device retries forever (issue 14, item 5).

export const submissionLimits = {
  /**
   * New submissions one device (its key's thumbprint) may have stored in the last minute, on every
   * instance together (SUBMISSIONS_PER_DEVICE_PER_MINUTE). A tablet that was offline all day sends its
   * queue one at a time and waits when told to, so it needs no more.
   */
  perDevicePerMinute: 30,
} as const;

/** Deeper than any payload the app builds (the payload, its answers or scores, a value, a list in it). */
export const maxPayloadDepth = 32;

/** More than the request body limit (512 KiB of JWE, whose plaintext is a JWS, whose payload is base64url) lets through. */
export const maxPayloadBytes = 384 * 1024;

// On the path of every submission: plain comparisons, no lookups, one pass.
const isOpen = (byte: number) => byte === 0x5b || byte === 0x7b; // [ {
const isClose = (byte: number) => byte === 0x5d || byte === 0x7d; // ] }

/** Why the payload's bytes are refused before parsing, or undefined when they are within the bounds. */
export function payloadBoundsProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length > maxPayloadBytes) return `(payload): larger than ${maxPayloadBytes} bytes`;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (inString) {
      if (byte === 0x5c)
        i++; // a backslash escapes the next byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (isOpen(byte)) {
      if (++depth > maxPayloadDepth) return `(payload): nested deeper than ${maxPayloadDepth} levels`;
    } else if (isClose(byte)) depth--;
  }
  return undefined;
}
