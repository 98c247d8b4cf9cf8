// What `check` finds in one definition file's text, each problem placed at its line and column:
// the same code for the command line and the app's preview page.
import { jsonLocator, parseJson, type JsonIndex } from './json-locate.js';
import { parseDefinition, type ParsedDefinition } from './parse-definition.js';
import { formatPath, type JsonPath, type Problem } from './problems.js';
import { checkExampleScores } from './scoring-examples.js';

export interface LocatedProblem {
  line: number;
  column: number;
  /** The JSON path as an author reads it, e.g. `$.items[2].text.nb`. */
  path: string;
  jsonPath: JsonPath;
  message: string;
  hint?: string;
  /** Set on a text missing in this declared language. */
  missingLanguage?: string;
}

export interface TextCheck {
  problems: LocatedProblem[];
  /** The definition, when it is valid (its example scores may still be wrong: see `problems`). */
  parsed?: ParsedDefinition;
}

/** Editors that save a byte-order mark should not make a file unreadable. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The core's problems at their line and column in the text, in the order of the text. */
export function placeProblems(text: string, found: readonly Problem[], index?: JsonIndex): LocatedProblem[] {
  if (found.length === 0) return [];
  const locate = jsonLocator(text, index);
  const problems: LocatedProblem[] = found.map(({ path, message, hint, missingLanguage }) => ({
    ...locate(path),
    path: formatPath(path),
    jsonPath: path,
    message,
    ...(hint ? { hint } : {}),
    ...(missingLanguage ? { missingLanguage } : {}),
  }));
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Every problem of a definition's text: JSON syntax, the schema, references and the rest of the
 * integrity checks, and the example answer sets' scores. A valid definition is returned even when
 * an example is wrong, as the app would take it.
 */
export function checkDefinitionText(source: string): TextCheck {
  const text = withoutByteOrderMark(source);
  const json = parseJson(text);
  if (!json.ok) return { problems: [{ line: json.line, column: json.column, path: formatPath([]), jsonPath: [], message: json.message }] };
  const result = parseDefinition(json.value);
  if (!result.ok) return { problems: placeProblems(text, result.problems, json.index) };
  const { definition, hash, key } = result;
  return { problems: placeProblems(text, checkExampleScores(definition), json.index), parsed: { definition, hash, key } };
}
