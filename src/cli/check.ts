// `check`: every problem in a set of definition files, placed at its line and column. Pure: the
// files come in as text, so this runs the same in tests as on the command line.
import { parseDefinition, parseJson, lineAndColumn } from '../core/parse-definition.js';
import { formatPath, type Problem } from '../core/problems.js';
import { checkExampleScores } from '../core/scoring-examples.js';
import { indexJson, jsonLocator } from './json-locate.js';

export interface SourceFile {
  /** The file's name as it is shown in the report. */
  file: string;
  text: string;
}

export interface CheckProblem {
  file: string;
  line: number;
  column: number;
  /** The JSON path as formatted by the core, e.g. `$.items[2].text.nb`. */
  path: string;
  message: string;
}

export interface CheckResult {
  fileCount: number;
  problems: CheckProblem[];
}

/** A valid definition: which file holds it, its `id@version` and its content hash. */
interface Published {
  file: string;
  key: string;
  hash: string;
}

/** Editors that save a byte-order mark should not make a file unreadable. */
function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The problems of one file, plus its `id@version` and content hash when it is valid. A valid
 * definition's example answer sets are scored, and every expected score they miss is a problem.
 */
export function checkSource(source: SourceFile): { problems: CheckProblem[]; published?: Published } {
  const { file } = source;
  const text = withoutByteOrderMark(source.text);
  const json = parseJson(text);
  if (!json.ok) {
    // Some of V8's messages carry no position ("Unexpected token"); the scanner finds it then.
    const errorOffset = indexJson(text).errorOffset;
    const where =
      json.line !== undefined && json.column !== undefined
        ? { line: json.line, column: json.column }
        : errorOffset !== undefined
          ? lineAndColumn(text, errorOffset)
          : { line: 1, column: 1 };
    return { problems: [{ file, ...where, path: formatPath([]), message: json.message }] };
  }
  const result = parseDefinition(json.value);
  if (!result.ok) return { problems: placed(file, text, result.problems) };
  // A valid definition is published even when an example is wrong, as the app would take it.
  const published = { file, key: result.key, hash: result.hash };
  return { problems: placed(file, text, checkExampleScores(result.definition)), published };
}

/** The core's problems at their line and column in the file, in the order of the file. */
function placed(file: string, text: string, found: readonly Problem[]): CheckProblem[] {
  if (found.length === 0) return [];
  const locate = jsonLocator(text);
  const problems = found.map((problem) => ({
    file,
    ...locate(problem.path),
    path: formatPath(problem.path),
    message: problem.message,
  }));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems;
}

/**
 * Checks each file, then the set: two files with the same `id@version` but different content mean
 * a published definition was changed without raising its version.
 */
export function checkSources(sources: readonly SourceFile[]): CheckResult {
  const problems: CheckProblem[] = [];
  const firstByKey = new Map<string, Published>();
  for (const source of sources) {
    const checked = checkSource(source);
    problems.push(...checked.problems);
    if (!checked.published) continue;
    const { key, hash } = checked.published;
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, checked.published);
    } else if (first.hash !== hash) {
      problems.push({
        file: source.file,
        ...jsonLocator(withoutByteOrderMark(source.text))(['version']),
        path: formatPath(['version']),
        message: `${key} is also defined in ${first.file}, with different content: a published version never changes, so give the changed definition a new "version"`,
      });
    }
  }
  return { fileCount: sources.length, problems };
}
