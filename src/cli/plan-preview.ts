// `npm run register -- plan preview <plan> --from DATE [--event NAME=DATE] [--setting NAME=SPAN]
// [--until DATE]`: the dates and windows a plan gives one enrolment, in Oslo local dates, for the
// register staff who write plans. Reads the plan and the questionnaires from disk; touches no store.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlanText } from '../core/plans/check-plan-text.js';
import { parseDurationText, type Duration } from '../core/plans/duration.js';
import { addMonths, compareDates, osloStartOfDay, parseDate, type LocalDate } from '../core/plans/oslo-time.js';
import { scheduleInputProblems, planSchedule } from '../core/plans/schedule.js';
import { loadDefinitions } from '../server/definitions.js';
import { formatPlanPreview } from './plan-preview-format.js';

export interface PlanPreviewCommand {
  name: 'plan-preview';
  /** A plan file, or a plan id looked up in questionnaires/plans/. */
  plan: string;
  from: LocalDate;
  events: Record<string, LocalDate>;
  settings: Record<string, Duration>;
  until?: LocalDate;
}

export const planPreviewUsage = `  plan preview <plan file or id> --from YYYY-MM-DD [--event NAME=YYYY-MM-DD]... [--setting NAME=SPAN]... [--until YYYY-MM-DD]
      Print the due days, answer windows and reminders a measurement plan gives a patient enrolled
      on --from, in Oslo local dates. A plan id is looked up in $QUESTIONNAIRES_DIR/plans/ (default
      questionnaires/plans/). --event records a clinical event of the plan (e.g. discharged=2027-06-01),
      --setting sets one of the plan's settings (a span: 6w, 14d, 3m, 1m2w); both may be repeated.
      --until   show windows that open before this day (default: two years after the last date given)
      Exit codes: 0 printed, 1 the plan has problems, 2 wrong usage or an unknown plan, event or setting.
`;

const dateOption = (name: string, text: string): LocalDate => {
  const date = parseDate(text);
  if (!date) throw new Error(`${name} takes a date YYYY-MM-DD, not "${text}"`);
  return date;
};

/** `NAME=VALUE` pairs into a record, each value read by `read`; a name given twice is refused. */
function pairs<T>(option: string, texts: readonly string[], read: (name: string, value: string) => T): Record<string, T> {
  const found: Record<string, T> = {};
  for (const text of texts) {
    const at = text.indexOf('=');
    const name = text.slice(0, at);
    if (at < 1) throw new Error(`${option} takes NAME=VALUE, not "${text}"`);
    if (name in found) throw new Error(`${option} ${name} is given twice`);
    found[name] = read(name, text.slice(at + 1));
  }
  return found;
}

/** Reads the arguments after `plan preview`; throws with a message for people on a wrong one. */
export function parsePlanPreviewArgs(args: readonly string[]): PlanPreviewCommand {
  const [action, ...rest] = args;
  if (action !== 'preview')
    throw new Error(action === undefined ? 'plan needs a command: preview' : `unknown plan command "${action}": use preview`);
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: {
      from: { type: 'string' },
      event: { type: 'string', multiple: true },
      setting: { type: 'string', multiple: true },
      until: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'name the plan: a file or a plan id' : 'name one plan only');
  if (values.from === undefined) throw new Error('--from is missing: the day the patient is enrolled, YYYY-MM-DD');
  const settings = pairs('--setting', values.setting ?? [], (name, text) => {
    const span = parseDurationText(text);
    if (!span) throw new Error(`--setting ${name} takes a span such as 6w, 14d, 3m or 1m2w, not "${text}"`);
    return span;
  });
  return {
    name: 'plan-preview',
    plan: positionals[0] ?? '',
    from: dateOption('--from', values.from),
    events: pairs('--event', values.event ?? [], (name, text) => dateOption(`--event ${name}`, text)),
    settings,
    ...(values.until !== undefined ? { until: dateOption('--until', values.until) } : {}),
  };
}

const isFileName = (plan: string) => plan.endsWith('.json') || plan.includes('/') || plan.includes(path.sep);

/** Two years after the latest date given: long enough for every plan shipped (KVARUS follows up after a year). */
function defaultHorizon(command: PlanPreviewCommand): LocalDate {
  const latest = Object.values(command.events).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b), command.from);
  return addMonths(latest, 24);
}

export interface PlanPreviewIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runPlanPreview(command: PlanPreviewCommand, io: PlanPreviewIo): Promise<number> {
  const questionnairesDir = path.resolve(io.cwd, io.env.QUESTIONNAIRES_DIR ?? 'questionnaires');
  const file = isFileName(command.plan)
    ? path.resolve(io.cwd, command.plan)
    : path.join(questionnairesDir, 'plans', `${command.plan}.json`);
  const shown = path.relative(io.cwd, file) || file;
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    io.err(
      `no such plan: ${shown}${isFileName(command.plan) ? '' : ` (a plan id is looked up in ${path.relative(io.cwd, questionnairesDir) || '.'}/plans/)`}\n`,
    );
    return 2;
  }
  const { definitions } = await loadDefinitions(questionnairesDir).catch(() => ({ definitions: new Map<string, unknown>() }));
  const checked = checkPlanText(text, { definitionKeys: new Set(definitions.keys()) });
  if (!checked.plan) {
    io.err(
      checked.problems.map((p) => `${shown}:${p.line}:${p.column}  ${p.path}  ${p.message}${p.hint ? ` (${p.hint})` : ''}\n`).join(''),
    );
    io.err(`The plan has problems: fix them first (npm run questionnaires -- check ${shown}).\n`);
    return 1;
  }
  const plan = checked.plan;
  const events = Object.fromEntries(Object.entries(command.events).map(([name, date]) => [name, osloStartOfDay(date)]));
  const problems = scheduleInputProblems(plan, { events, settings: command.settings });
  if (problems.length > 0) {
    io.err(problems.map((problem) => `${problem}\n`).join(''));
    return 2;
  }
  const until = command.until ?? defaultHorizon(command);
  const schedule = planSchedule(plan, {
    enrolledAt: osloStartOfDay(command.from),
    events,
    settings: command.settings,
    until: osloStartOfDay(until),
  });
  io.out(formatPlanPreview({ plan, from: command.from, events: command.events, settings: command.settings, until, schedule }));
  return 0;
}
