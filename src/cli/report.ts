// How `check` reports: one line per problem, as compilers and linters do, so editors and CI can
// jump to it; or a JSON array for other tools.
import type { CheckProblem, CheckResult } from './check.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `questionnaires/x.json:12:7  $.items[2].text.nb  the "nb" text is missing` */
export function formatProblem(problem: CheckProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.path}  ${problem.message}`;
}

export function formatSummary(result: CheckResult): string {
  return `${plural(result.fileCount, 'file', 'files')} checked, ${plural(result.problems.length, 'problem', 'problems')}`;
}

export function formatReport(result: CheckResult): string {
  return [...result.problems.map(formatProblem), formatSummary(result)].join('\n') + '\n';
}

/** The problems as a JSON array of `{file, line, column, path, message}`, and nothing else. */
export function formatJsonReport(result: CheckResult): string {
  const problems = result.problems.map(({ file, line, column, path, message }) => ({ file, line, column, path, message }));
  return JSON.stringify(problems, null, 2) + '\n';
}
