// What `check` finds in one file of indicators, each problem at its line and column. Authoring only:
// not exported from the indicators index.
import { placeProblems, withoutByteOrderMark, type LocatedProblem } from '../check-text.js';
import { parseJson } from '../json-locate.js';
import { formatPath, fromZodIssues, humanError } from '../problems.js';
import { indicatorFile, type IndicatorFile } from './indicator.js';
import { checkIndicatorIntegrity, type IndicatorContext } from './indicator-integrity.js';

export interface IndicatorTextCheck {
  problems: LocatedProblem[];
  file?: IndicatorFile;
}

export function checkIndicatorText(source: string, context: IndicatorContext): IndicatorTextCheck {
  const text = withoutByteOrderMark(source);
  const json = parseJson(text);
  if (!json.ok) return { problems: [{ line: json.line, column: json.column, path: formatPath([]), jsonPath: [], message: json.message }] };
  const result = indicatorFile.safeParse(json.value, { error: humanError });
  const problems = result.success
    ? checkIndicatorIntegrity(result.data, context)
    : fromZodIssues(result.error.issues, json.value, indicatorFile);
  if (problems.length > 0) return { problems: placeProblems(text, problems, json.index) };
  return result.success ? { problems: [], file: result.data } : { problems: [] };
}
