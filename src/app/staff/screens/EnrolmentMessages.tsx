// The messages about an enrolment's orders, with their outcome: sent, failed with the reason (never
// an address), waiting for another attempt, stopped or not needed and why.
import { useTranslation } from 'react-i18next';
import type { PlanEnrolmentDetail } from '../contract-shapes.js';
import type { StaffT } from '../staff-i18n.js';
import { useFormatTime } from '../ui.js';
import type { PlanNames } from './EnrolmentPlans.js';

type Message = PlanEnrolmentDetail['messages'][number];

const kinds = ['invitation', 'reminder', 'alert'] as const;
const channels = ['email', 'sms'] as const;
const statuses = ['pending', 'sent', 'failed', 'stopped', 'cancelled'] as const;
const reasons = [
  'answered',
  'windowClosed',
  'paused',
  'ended',
  'orderCancelled',
  'stoppedByPatient',
  'stoppedByStaff',
  'contactReplaced',
] as const;

const known = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((v) => v === value);

/** What became of a message, in words. */
function outcomeText(t: StaffT, message: Message, time: (iso: string | null) => string): string {
  const status = known(statuses, message.status);
  if (!status) return message.status;
  const reason = known(reasons, message.reason);
  const why = reason ? ` (${t(`plans.enrolment.reasons.${reason}`)})` : '';
  if (status === 'failed') return t('plans.enrolment.failedBecause', { reason: message.lastError ?? '—' });
  if (status === 'pending' && message.lastError)
    return `${t('plans.enrolment.failedBecause', { reason: message.lastError })}; ${t('plans.enrolment.attempts', {
      count: message.attempts,
      date: time(message.nextAttemptAt),
    })}`;
  return `${t(`plans.enrolment.statuses.${status}`)}${why}`;
}

export function EnrolmentMessages({ enrolment, names }: { enrolment: PlanEnrolmentDetail; names: PlanNames }) {
  const { t } = useTranslation('staff');
  const time = useFormatTime();
  return (
    <section aria-labelledby="enrolment-messages">
      <h2 id="enrolment-messages">{t('plans.enrolment.messages')}</h2>
      {enrolment.messages.length === 0 ? (
        <p>{t('plans.enrolment.noMessages')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="messages-caption" tabIndex={0}>
          <table>
            <caption id="messages-caption">{t('plans.enrolment.messagesTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.enrolment.when')}</th>
                <th scope="col">{t('plans.enrolment.kind')}</th>
                <th scope="col">{t('plans.enrolment.channel')}</th>
                <th scope="col">{t('plans.timePoint')}</th>
                <th scope="col">{t('plans.enrolment.status')}</th>
              </tr>
            </thead>
            <tbody>
              {enrolment.messages.map((message) => {
                const kind = known(kinds, message.kind);
                const channel = known(channels, message.channel);
                return (
                  <tr key={message.id}>
                    <td>{time(message.sentAt ?? message.scheduledAt)}</td>
                    <td>{kind ? t(`plans.enrolment.kinds.${kind}`) : message.kind}</td>
                    <td>{channel ? t(`plans.enrolment.channels.${channel}`) : message.channel}</td>
                    <td>{message.timePoint ? names.timePoint(enrolment.plan, message.timePoint) : '—'}</td>
                    <td>{outcomeText(t, message, time)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
