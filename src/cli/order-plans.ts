// `npm run order -- enrol | enrolments | event | pause | resume | end | subject`: measurement plans from the
// command line, through the register's own HTTP API with the staff token, as the console does: enrol a
// patient reference in a plan at a unit, record the clinical events the plan's time points count from,
// and pause, resume or end an enrolment; give or correct the patient's birth month and sex (register
// data, for iso-BMI). The register makes the orders and sends the messages.
import { z } from 'zod';
import { z as zm } from 'zod/mini';
import {
  birthMonth as birthMonthShape,
  planEnrolmentDetailResponse,
  planEnrolmentResponse,
  planEnrolmentsResponse,
  subjectSex,
  type PlanEnrolmentSummary,
} from '../core/index.js';
import { parseDurationText, type Duration } from '../core/plans/duration.js';
import { osloStartOfDay, parseDate } from '../core/plans/oslo-time.js';

export const planUsage = `  enrol --patient REF --plan PLAN --unit UNIT [--language nb|nn|en] [--from YYYY-MM-DD] [--setting ID=SPAN …] [--email ADDRESS] [--mobile NUMBER] [--birth-month YYYY-MM] [--sex female|male]
      Enrol a patient reference in a measurement plan at a unit, from a day (default today; the
      plan's time points count from it), with the unit's values for the plan's settings (e.g.
      --setting interval=3m) and, optionally, where the patient's invitations and reminders go and
      the patient's birth month and sex (register data: iso-BMI under 18 in the indicators).
  enrolments [--patient REF] [--unit UNIT]
      The enrolments, with the windows the register has opened and each one's order.
  event ENROLMENT_ID NAME=YYYY-MM-DD
      Record a clinical event of the plan (e.g. discharged=2027-06-01; the day counts from 00:00
      Norwegian time): the time points anchored on it are planned from then.
  pause | resume | end ENROLMENT_ID
      Pause the enrolment (no new orders or messages), resume it, or end it (its contact details
      are deleted).
  subject ENROLMENT_ID [--birth-month YYYY-MM|none] [--sex female|male|none]
      Give or correct the patient's birth month and sex on the enrolment (also once it has ended);
      "none" removes one, what is left out is kept.
`;

export const planCommands = ['enrol', 'enrolments', 'event', 'pause', 'resume', 'end', 'subject'] as const;
export type PlanCommand = (typeof planCommands)[number];

export class UsageError extends Error {}

/** One request to the register with the staff token: the body of a success, or an Error that explains the refusal. */
export type Call = (method: 'GET' | 'POST', apiPath: string, body?: unknown) => Promise<string>;

export interface PlanValues {
  patient?: string | undefined;
  plan?: string | undefined;
  unit?: string | undefined;
  language?: string | undefined;
  from?: string | undefined;
  setting?: string[] | undefined;
  email?: string | undefined;
  mobile?: string | undefined;
  'birth-month'?: string | undefined;
  sex?: string | undefined;
}

/** --birth-month and --sex as the register takes them; with `none` (subject only) as null. */
function subjectOf(values: PlanValues, { allowNone }: { allowNone: boolean }) {
  const month = values['birth-month'];
  const sex = values.sex;
  const none = (given: string | undefined) => allowNone && given === 'none';
  if (month !== undefined && !none(month) && !zm.safeParse(birthMonthShape, month).success)
    throw new UsageError(`--birth-month must be a month from 1900-01 to this month as YYYY-MM, not "${month}"`);
  if (sex !== undefined && !none(sex) && !subjectSex.options.some((option) => option === sex))
    throw new UsageError(`--sex is female or male${allowNone ? ' (or none)' : ''}, not "${sex}"`);
  return {
    ...(month === undefined ? {} : { birthMonth: none(month) ? null : month.trim() }),
    ...(sex === undefined ? {} : { sex: none(sex) ? null : sex }),
  };
}

function dayStart(text: string, what: string): string {
  const day = parseDate(text);
  if (!day) throw new UsageError(`${what} must be a day as YYYY-MM-DD, not "${text}"`);
  return osloStartOfDay(day).toISOString();
}

/** `interval=3m` and the like, as plan preview takes them: months, weeks and days (6w, 14d, 3m, 1m2w). */
function settingsOf(given: readonly string[]): Record<string, Duration> {
  return Object.fromEntries(
    given.map((pair) => {
      const [id, value, ...rest] = pair.split('=');
      const span = value === undefined ? undefined : parseDurationText(value);
      if (!id || !span || rest.length > 0) throw new UsageError(`--setting takes ID=SPAN such as interval=3m, 6w or 14d, not "${pair}"`);
      return [id, span];
    }),
  );
}

function describe(enrolment: PlanEnrolmentSummary): string {
  const state = enrolment.endedAt ? `ended ${enrolment.endedAt}` : enrolment.pausedAt ? `paused ${enrolment.pausedAt}` : 'active';
  const lines = [`${enrolment.id}  ${enrolment.patientRef}  ${enrolment.plan}  ${enrolment.unit}  ${state}  from ${enrolment.enrolledAt}`];
  if (enrolment.birthMonth || enrolment.sex)
    lines.push(`  born ${enrolment.birthMonth ?? '(not given)'}  sex ${enrolment.sex ?? '(not given)'}`);
  for (const event of enrolment.events) lines.push(`  event ${event.name} at ${event.at}`);
  for (const window of enrolment.windows)
    lines.push(
      `  ${window.timePoint}#${window.occurrence}  ${window.outcome}  ${window.opensAt} – ${window.closesAt}  ${window.orderId ?? ''}`.trimEnd(),
    );
  return lines.join('\n') + '\n';
}

const oneEnrolment = (text: string) => planEnrolmentResponse.parse(JSON.parse(text)).enrolment;

function enrolmentId(positionals: readonly string[], command: string): string {
  const [id] = positionals;
  if (!id) throw new UsageError(`${command} needs an enrolment id (see: npm run order -- enrolments)`);
  return encodeURIComponent(id);
}

export async function runPlanCommand(
  stdout: (text: string) => void,
  call: Call,
  command: PlanCommand,
  values: PlanValues,
  positionals: readonly string[],
): Promise<number> {
  switch (command) {
    case 'enrol': {
      if (!values.patient || !values.plan || !values.unit) throw new UsageError('enrol needs --patient, --plan and --unit');
      const language = z.enum(['nb', 'nn', 'en']).safeParse(values.language ?? 'nb');
      if (!language.success) throw new UsageError('--language is nb, nn or en');
      const settings = settingsOf(values.setting ?? []);
      const enrolment = oneEnrolment(
        await call('POST', '/api/plan-enrolments', {
          patientRef: values.patient,
          plan: values.plan,
          unit: values.unit,
          language: language.data,
          ...(Object.keys(settings).length > 0 ? { settings } : {}),
          ...(values.from ? { enrolledAt: dayStart(values.from, '--from') } : {}),
          ...(values.email ? { email: values.email } : {}),
          ...(values.mobile ? { mobile: values.mobile } : {}),
          ...subjectOf(values, { allowNone: false }),
        }),
      );
      stdout(`Enrolled ${enrolment.patientRef} in ${enrolment.plan} at ${enrolment.unit}:\n${describe(enrolment)}`);
      return 0;
    }
    case 'enrolments': {
      const query = new URLSearchParams({
        ...(values.patient ? { patientRef: values.patient } : {}),
        ...(values.unit ? { unit: values.unit } : {}),
      });
      const { enrolments } = planEnrolmentsResponse.parse(
        JSON.parse(await call('GET', `/api/plan-enrolments${query.size ? `?${query}` : ''}`)),
      );
      stdout(enrolments.length === 0 ? 'No enrolments.\n' : enrolments.map(describe).join(''));
      return 0;
    }
    case 'event': {
      const id = enrolmentId(positionals, 'event');
      const [name, day, ...rest] = (positionals[1] ?? '').split('=');
      if (!name || !day || rest.length > 0)
        throw new UsageError('event takes NAME=YYYY-MM-DD after the enrolment id, e.g. discharged=2027-06-01');
      const enrolment = oneEnrolment(
        await call('POST', `/api/plan-enrolments/${id}/events`, { name, at: dayStart(day, "the event's day") }),
      );
      stdout(`Recorded ${name} on ${day}:\n${describe(enrolment)}`);
      return 0;
    }
    case 'pause':
    case 'resume':
    case 'end': {
      const enrolment = oneEnrolment(await call('POST', `/api/plan-enrolments/${enrolmentId(positionals, command)}/${command}`));
      const done = { pause: 'Paused', resume: 'Resumed', end: 'Ended' }[command];
      stdout(`${done}:\n${describe(enrolment)}`);
      return 0;
    }
    case 'subject': {
      const id = enrolmentId(positionals, 'subject');
      const body = subjectOf(values, { allowNone: true });
      if (Object.keys(body).length === 0) throw new UsageError('subject needs --birth-month or --sex (or both)');
      const { enrolment } = planEnrolmentDetailResponse.parse(JSON.parse(await call('POST', `/api/plan-enrolments/${id}/subject`, body)));
      stdout(
        `Birth month and sex of ${enrolment.patientRef}: ${enrolment.birthMonth ?? '(not given)'}, ${enrolment.sex ?? '(not given)'}\n`,
      );
      return 0;
    }
  }
}
