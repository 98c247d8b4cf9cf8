// Alerts for the patient's unit (issue 17). When a submission arrives whose answers its definition
// marks as alerting (an answer alert, or a score's flag with `alert`), the register records one alert
// for the order's unit before it answers the device; a retry of the same submission finds it there.
// The unit sees it at the top of the console until someone acknowledges it, and, where the unit has
// an address (ALERT_EMAILS), an e-mail that carries no health data says that there is a new alert.
import { randomUUID } from 'node:crypto';
import { alertsOf, answers as answersSchema, scoreResults, type ParsedDefinition } from '../core/index.js';
import { DeliveryFailure, type EmailChannel } from './notify/channels.js';
import { alertEmailStatus, type AlertRecord } from './store/alert-store.js';
import type { RegisterStore, SubmissionRecord } from './store/store.js';

export interface AlertContext {
  store: RegisterStore;
  definitionFor: (key: string) => Promise<ParsedDefinition | undefined>;
  /** The units' addresses for alert e-mail (ALERT_EMAILS); a unit not named gets none. */
  addresses: ReadonlyMap<string, string>;
  now: () => Date;
}

/** Records the alerts a stored submission raises, once; whether there are any. */
export async function raiseAlerts(context: AlertContext, submission: SubmissionRecord): Promise<boolean> {
  const parsed = await context.definitionFor(submission.definitionKey);
  const answers = answersSchema.safeParse(submission.answers);
  if (!parsed || !answers.success) return false;
  const scores = scoreResults.safeParse(submission.scores ?? {});
  const raised = alertsOf(parsed.definition, answers.data, scores.success ? scores.data : undefined);
  if (raised.length === 0) return false;
  const order = await context.store.getOrder(submission.orderId);
  if (!order) return false;
  const hasAddress = order.unit !== null && context.addresses.has(order.unit);
  const at = context.now().toISOString();
  await context.store.alerts.insertAlert({
    id: randomUUID(),
    submissionId: submission.submissionId,
    orderId: order.id,
    unit: order.unit,
    patientRef: order.patientRef,
    questionnaireKey: submission.definitionKey,
    raised: raised.map(({ kind, id, label }) => ({ kind, id, label: { ...label } as Record<string, string> })),
    createdAt: at,
    emailStatus: hasAddress ? alertEmailStatus.pending : alertEmailStatus.none,
    emailNextAt: hasAddress ? at : null,
  });
  return true;
}

/** After a failed attempt: 5 minutes, 30 minutes, 2 hours; then the e-mail is given up as failed. */
const retryAfterMinutes = [5, 30, 120];
/** How long a deliverer holds an alert's e-mail while it sends. */
const holdMinutes = 10;

/** Neutral, in Norwegian and English: no patient, questionnaire or answer, only that there is an alert. */
export function alertEmailText(consoleUrl: string): { subject: string; text: string } {
  return {
    subject: 'Nytt varsel i konsollen / A new alert in the console',
    text: [
      'Det er kommet et nytt varsel i personalkonsollen. Logg inn for å se det:',
      consoleUrl,
      '',
      'A new alert has arrived in the staff console. Sign in to see it:',
      consoleUrl,
      '',
    ].join('\n'),
  };
}

/** Sends the alert e-mails that are due; how many went out. One deliverer holds each row while it sends. */
export async function deliverAlertEmails(
  context: Pick<AlertContext, 'store' | 'addresses'>,
  channel: EmailChannel,
  consoleUrl: string,
  now: Date,
): Promise<number> {
  const holdUntil = new Date(now.getTime() + holdMinutes * 60_000).toISOString();
  const due = await context.store.alerts.takeDueEmails(now.toISOString(), holdUntil, 20);
  let sent = 0;
  for (const alert of due) if (await sendOne(context, channel, consoleUrl, alert, holdUntil, now)) sent += 1;
  return sent;
}

async function sendOne(
  { store, addresses }: Pick<AlertContext, 'store' | 'addresses'>,
  channel: EmailChannel,
  consoleUrl: string,
  alert: AlertRecord,
  holdUntil: string,
  now: Date,
): Promise<boolean> {
  const to = alert.unit === null ? undefined : addresses.get(alert.unit);
  if (to === undefined) {
    await store.alerts.recordEmail(alert.id, holdUntil, { status: 'failed', error: 'the unit has no address for alerts any longer' });
    return false;
  }
  try {
    await channel.send({ to, language: 'nb', ...alertEmailText(consoleUrl) });
    await store.alerts.recordEmail(alert.id, holdUntil, { status: 'sent' });
    return true;
  } catch (error) {
    const reason = error instanceof DeliveryFailure ? error.message : 'the e-mail could not be sent';
    const wait = retryAfterMinutes[alert.emailAttempts - 1];
    await store.alerts.recordEmail(
      alert.id,
      holdUntil,
      wait === undefined
        ? { status: 'failed', error: reason }
        : { status: 'pending', nextAt: new Date(now.getTime() + wait * 60_000).toISOString(), error: reason },
    );
    return false;
  }
}
