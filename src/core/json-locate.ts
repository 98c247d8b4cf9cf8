// Where a JSON path sits in the source text, so a problem can be reported as file:line:column.
// A small scanner of its own, because JSON.parse forgets where each value came from.
import { lineAndColumn } from './parse-definition.js';
import type { JsonPath } from './problems.js';

export interface JsonIndex {
  /** The offset of every value by its path: an object member's key, an array element's first character. */
  offsets: ReadonlyMap<string, number>;
  /** Where the text stops being valid JSON, when it does. */
  errorOffset?: number;
}

export interface Position {
  line: number;
  column: number;
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`not valid JSON at offset ${offset}`);
  }
}

const pathKey = (path: JsonPath) => JSON.stringify(path);

/** Scans JSON text once and records where each value is; stops at the first syntax error. */
export function indexJson(text: string): JsonIndex {
  const offsets = new Map<string, number>([[pathKey([]), 0]]);
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y; // sticky: matches only at lastIndex
  let pos = 0;
  const fail = (at = pos): never => {
    throw new JsonSyntaxError(at);
  };
  const skipWhitespace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text.charAt(pos))) pos++;
  };
  const expect = (char: string) => {
    skipWhitespace();
    if (text.charAt(pos) !== char) fail();
    pos++;
  };

  const readString = (): string => {
    const start = pos;
    pos++; // the opening quote
    for (;;) {
      if (pos >= text.length) fail();
      const code = text.charCodeAt(pos);
      if (code === 0x22) break;
      if (code < 0x20) fail();
      if (code === 0x5c) {
        const escape = text.charAt(pos + 1);
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if (escape !== '' && '"\\/bfnrt'.includes(escape)) pos += 2;
        else fail();
      } else pos++;
    }
    pos++; // the closing quote
    return JSON.parse(text.slice(start, pos)) as string;
  };

  const readValue = (path: (string | number)[], recordAt?: number) => {
    skipWhitespace();
    if (path.length > 0) offsets.set(pathKey(path), recordAt ?? pos);
    const char = text.charAt(pos);
    if (char === '{') {
      pos++;
      skipWhitespace();
      if (text.charAt(pos) === '}') return void pos++;
      for (;;) {
        skipWhitespace();
        if (text.charAt(pos) !== '"') fail();
        const keyAt = pos;
        const key = readString();
        expect(':');
        readValue([...path, key], keyAt);
        skipWhitespace();
        if (text.charAt(pos) === ',') pos++;
        else if (text.charAt(pos) === '}') return void pos++;
        else fail();
      }
    }
    if (char === '[') {
      pos++;
      skipWhitespace();
      if (text.charAt(pos) === ']') return void pos++;
      for (let i = 0; ; i++) {
        readValue([...path, i]);
        skipWhitespace();
        if (text.charAt(pos) === ',') pos++;
        else if (text.charAt(pos) === ']') return void pos++;
        else fail();
      }
    }
    if (char === '"') return void readString();
    for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, pos)) return void (pos += literal.length);
    numberPattern.lastIndex = pos;
    if (!numberPattern.test(text)) fail();
    pos = numberPattern.lastIndex;
  };

  try {
    readValue([]);
    skipWhitespace();
    if (pos < text.length) fail();
    return { offsets };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offsets, errorOffset: error.offset };
    if (error instanceof RangeError) return { offsets }; // nested too deeply to scan: fall back to what was found
    throw error;
  }
}

/**
 * A function from JSON path to line and column in `text`. A path that is not in the text (a
 * missing field, say) is placed at its nearest ancestor that is; the root is line 1, column 1.
 */
export function jsonLocator(text: string): (path: JsonPath) => Position {
  const { offsets } = indexJson(text);
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const offset = offsets.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) return lineAndColumn(text, offset);
    }
    return { line: 1, column: 1 };
  };
}

export function locateJsonPath(text: string, path: JsonPath): Position {
  return jsonLocator(text)(path);
}
