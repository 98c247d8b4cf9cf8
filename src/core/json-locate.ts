// Where a JSON path sits in the source text, and where the text stops being JSON, so a problem can
// be reported as file:line:column. Read by Microsoft's jsonc-parser in strict mode (no comments, no
// trailing commas), since JSON.parse forgets where each value came from. For authors only (the
// command line, the preview page): the patient's route parses with JSON.parse alone.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { JsonPath } from './problems.js';

export interface JsonIndex {
  /** The offset of every value by its path: an object member's key, an array element's first character. */
  offsets: ReadonlyMap<string, number>;
  /** Where the text stops being valid JSON, when it does. */
  errorOffset?: number;
  /** What is wrong there, in JSON.parse's words where it has them. */
  errorMessage?: string;
}

export interface Position {
  line: number;
  column: number;
}

export type JsonParseResult = { ok: true; value: unknown; index: JsonIndex } | ({ ok: false; message: string } & Position);

const pathKey = (path: JsonPath) => JSON.stringify(path);

/** The 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

// In a string's body: a valid escape, or (group 1) a bad one, or (group 2) a control character (below ' ').
const stringFaults = /\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])|(\\u?)|([^ -\uffff])/g;

/** The first character of a string token that JSON.parse stops at, and why; else its end. */
function stringFault(token: string, offset: number, textLength: number): { offset: number; message: string } {
  for (const match of token.slice(1).matchAll(stringFaults)) {
    const at = offset + 1 + match.index;
    if (match[1] === '\\u') return { offset: at, message: 'Bad Unicode escape' };
    if (match[1] !== undefined) return { offset: at, message: 'Bad escaped character' };
    if (match[2] !== undefined) return { offset: at, message: 'Bad control character in string literal' };
  }
  // jsonc-parser ends a string at a line break, which JSON.parse calls a control character.
  const end = offset + token.length;
  return { offset: end, message: end < textLength ? 'Bad control character in string literal' : 'Unterminated string' };
}

/** Where the reading was: in an object or an array, or past the whole value. */
type Where = { container?: keyof typeof afterValue; isPastValue: boolean };

const afterValue = { object: "Expected ',' or '}' after property value", array: "Expected ',' or ']' after array element" } as const;

/** jsonc-parser's error at a token, as an offset and a message close to V8's JSON.parse. */
function describeError(text: string, code: ParseErrorCode, offset: number, length: number, where: Where) {
  const token = text.slice(offset, offset + length);
  const unexpected = token === '' ? 'Unexpected end of JSON input' : `Unexpected token '${token}'`;
  switch (printParseErrorCode(code)) {
    case 'UnexpectedEndOfString':
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
    case 'InvalidCharacter':
      return stringFault(token, offset, text.length);
    case 'UnexpectedEndOfNumber':
      return {
        offset: offset + token.length,
        message: /[eE]/.test(token) ? 'Exponent part is missing a number' : 'Unterminated fractional number',
      };
    case 'PropertyNameExpected':
      return { offset, message: 'Expected double-quoted property name' };
    case 'ColonExpected':
      return { offset, message: "Expected ':' after property name" };
    case 'CommaExpected':
      return { offset, message: afterValue[where.container ?? 'object'] };
    case 'CloseBraceExpected':
      return { offset, message: afterValue.object };
    case 'CloseBracketExpected':
      return { offset, message: afterValue.array };
    case 'EndOfFileExpected':
      return { offset, message: 'Unexpected non-whitespace character after JSON' };
    case 'InvalidCommentToken':
      return { offset, message: "Unexpected token '/': JSON has no comments" };
    default: // InvalidSymbol, ValueExpected, InvalidNumberFormat
      return { offset, message: where.isPastValue ? 'Unexpected non-whitespace character after JSON' : unexpected };
  }
}

/** Reads JSON text once and records where each value is, and the first syntax error. */
export function indexJson(text: string): JsonIndex {
  const offsets = new Map<string, number>([[pathKey([]), 0]]);
  const containers: (keyof typeof afterValue)[] = [];
  let error: { offset: number; message: string } | undefined;
  let isPastValue = false;
  const end = () => {
    containers.pop();
    isPastValue = containers.length === 0;
  };
  // An array element is recorded where its value starts; an object member at its key.
  const atValue = (offset: number, _length: number, _line: number, _column: number, path: () => JsonPath) => {
    const at = path();
    if (typeof at[at.length - 1] === 'number') offsets.set(pathKey(at), offset);
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (...args) => {
          atValue(...args);
          containers.push('object');
        },
        onArrayBegin: (...args) => {
          atValue(...args);
          containers.push('array');
        },
        onObjectEnd: end,
        onArrayEnd: end,
        onLiteralValue: (_value, ...args) => {
          atValue(...args);
          isPastValue = containers.length === 0;
        },
        onObjectProperty: (property, offset, _length, _line, _column, path) => void offsets.set(pathKey([...path(), property]), offset),
        onError: (code, offset, length) => {
          error ??= describeError(text, code, offset, length, { container: containers.at(-1), isPastValue });
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (thrown) {
    if (!(thrown instanceof RangeError)) throw thrown; // nested too deeply to read: fall back to what was found
  }
  return error ? { offsets, errorOffset: error.offset, errorMessage: error.message } : { offsets };
}

/** JSON.parse, with the line and column of a syntax error. */
export function parseJson(text: string): JsonParseResult {
  const index = indexJson(text);
  if (index.errorOffset !== undefined)
    return { ok: false, message: `not valid JSON: ${index.errorMessage}`, ...lineAndColumn(text, index.errorOffset) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, index };
  } catch (error) {
    // Only where jsonc-parser gave up (nested too deeply): JSON.parse has the last word.
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, line: 1, column: 1 };
  }
}

/**
 * A function from JSON path to line and column in `text`. A path that is not in the text (a
 * missing field, say) is placed at its nearest ancestor that is; the root is line 1, column 1.
 */
export function jsonLocator(text: string, index: JsonIndex = indexJson(text)): (path: JsonPath) => Position {
  const { offsets } = index;
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
