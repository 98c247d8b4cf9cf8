// Canonical JSON: the one text of a value that its hashes are taken over, on every side.

/**
 * JSON with object keys sorted by code unit and no whitespace, so key order never matters. Written
 * with plain loops and one string built as it goes (no entries, filtered and mapped arrays per
 * object): the app takes it of a whole definition when it reads one back, before its first page.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for ' + String(value));
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      // The default sort compares UTF-16 code units, as `<` does.
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item !== undefined) out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
  }
}

/** The text a definition's content hash is taken over: its canonical JSON without the `$schema` pointer, which is editor help. */
export function hashedContent(definition: object): string {
  const { $schema: _ignored, ...content } = definition as Record<string, unknown>;
  return canonicalJson(content);
}
