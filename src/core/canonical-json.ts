// Canonical JSON: the one text of a value that its hashes are taken over, on every side.

/** JSON with object keys sorted by code point and no whitespace, so key order never matters. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for ' + String(value));
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
}

/** The text a definition's content hash is taken over: its canonical JSON without the `$schema` pointer, which is editor help. */
export function hashedContent(definition: object): string {
  const { $schema: _ignored, ...content } = definition as Record<string, unknown>;
  return canonicalJson(content);
}
