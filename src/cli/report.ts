// How `check` reports: one line per problem, as compilers and linters do, so editors and CI can
// jump to it, with the texts missing in a language listed together under that language; or a JSON
// array for other tools.
import type { CheckProblem, CheckResult } from './check.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const withHint = (problem: CheckProblem) => (problem.hint ? `${problem.message} (${problem.hint})` : problem.message);

/** `questionnaires/x.json:12:7  $.items[2].optionSet  there is no option set "mood" in "optionSets" (did you mean "moods"?)` */
export function formatProblem(problem: CheckProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.path}  ${withHint(problem)}`;
}

export function formatSummary(result: CheckResult): string {
  return `${plural(result.fileCount, 'file', 'files')} checked, ${plural(result.problems.length, 'problem', 'problems')}`;
}

/** Missing texts by language, in the order the languages first come up. */
function byLanguage(problems: readonly CheckProblem[]): Map<string, CheckProblem[]> {
  const groups = new Map<string, CheckProblem[]>();
  for (const problem of problems)
    if (problem.language !== undefined) groups.set(problem.language, [...(groups.get(problem.language) ?? []), problem]);
  return groups;
}

export function formatReport(result: CheckResult): string {
  const lines = result.problems.filter((p) => p.language === undefined).map(formatProblem);
  for (const [language, missing] of byLanguage(result.problems)) {
    lines.push(`Texts missing in "${language}" (${missing.length}): write them, or remove "${language}" from "languages"`);
    lines.push(...missing.map((p) => `  ${p.file}:${p.line}:${p.column}  ${p.path}`));
  }
  for (const { key, file } of result.unpublished ?? [])
    lines.push(`${key} is not published yet: when it is ready, npm run questionnaires -- publish ${file}`);
  return [...lines, formatSummary(result)].join('\n') + '\n';
}

/** The problems as a JSON array of `{file, line, column, path, message, hint?, language?}`, and nothing else. */
export function formatJsonReport(result: CheckResult): string {
  const problems = result.problems.map(({ file, line, column, path, message, hint, language }) => ({
    file,
    line,
    column,
    path,
    message,
    ...(hint ? { hint } : {}),
    ...(language ? { language } : {}),
  }));
  return JSON.stringify(problems, null, 2) + '\n';
}
