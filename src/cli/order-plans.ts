// `npm run order -- enrol | enrolments | event | pause | resume | end`: measurement plans from the
// command line, through the register's own HTTP API with the staff token, as the console does: enrol a
// patient reference in a plan at a unit, record the clinical events the plan's time points count from,
// and pause, resume or end an enrolment. The register makes the orders and sends the messages.
import { z } from 'zod';
import { planEnrolmentResponse, planEnrolmentsResponse, type PlanEnrolmentSummary } from '../core/index.js';
import { parseDurationText, type Duration } from '../core/plans/duration.js';
import { osloStartOfDay, parseDate } from '../core/plans/oslo-time.js';

export const planUsage = `  enrol --patient REF --plan PLAN --unit UNIT [--language nb|nn|en] [--from YYYY-MM-DD] [--setting ID=SPAN …] [--email ADDRESS] [--mobile NUMBER]
      Enrol a patient reference in a measurement plan at a unit, from a day (default today; the
      plan's time points count from it), with the unit's values for the plan's settings (e.g.
      --setting interval=3m) and, optionally, where the patient's invitations and reminders go.
  enrolments [--patient REF] [--unit UNIT]
      The enrolments, with the windows the register has opened and each one's order.
  event ENROLMENT_ID NAME=YYYY-MM-DD
      Record a clinical event of the plan (e.g. discharged=2027-06-01; the day counts from 00:00
      Norwegian time): the time points anchored on it are planned from then.
  pause | resume | end ENROLMENT_ID
      Pause the enrolment (no new orders or messages), resume it, or end it (its contact details
      are deleted).
`;

export const planCommands = ['enrol', 'enrolments', 'event', 'pause', 'resume', 'end'] as const;
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
  }
}
