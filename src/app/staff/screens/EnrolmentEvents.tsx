// The clinical events of an enrolment (the plan's anchors: discharged, end of treatment, end of an
// ECT series): those recorded, and a form to record one with its date.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { planEnrolmentResponse, registerApi } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole } from '../console-context.js';
import type { PlanEnrolmentDetail } from '../contract-shapes.js';
import { Field } from '../ui.js';
import { osloDayStart, osloDayText, osloToday, PlanErrorMessage } from './EnrolmentParts.js';
import type { PlanNames } from './EnrolmentPlans.js';
import { Select } from './EnrolScreen.js';

interface EventsProps {
  enrolment: PlanEnrolmentDetail;
  names: PlanNames;
  onChanged: () => void;
}

export function EnrolmentEvents({ enrolment, names, onChanged }: EventsProps) {
  const { t, i18n } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [form, setForm] = useState({ name: '', day: osloToday() });
  const [problems, setProblems] = useState<{ name?: string; day?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const events = names.find(enrolment.plan)?.events ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = osloDayStart(form.day);
    const found = { ...(form.name ? {} : { name: t('plans.enrolment.missingEvent') }), ...(at ? {} : { day: t('plans.enrol.badDate') }) };
    setProblems(found);
    if (!at || !form.name) return;
    try {
      await api.post(pathOf(registerApi.recordPlanEvent, { id: enrolment.id }), planEnrolmentResponse, { name: form.name, at });
      setError(undefined);
      announce(
        t('plans.enrolment.eventDone', {
          event: names.event(enrolment.plan, form.name),
          date: osloDayText(at, i18n.language),
          patientRef: enrolment.patientRef,
        }),
      );
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="enrolment-events">
      <h2 id="enrolment-events">{t('plans.enrolment.events')}</h2>
      <RecordedEvents enrolment={enrolment} names={names} />
      {!enrolment.endedAt && events.length > 0 && (
        <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('plans.enrolment.recordEvent')}>
          <PlanErrorMessage error={error} />
          <Select
            id="event-name"
            label={t('plans.enrolment.event')}
            value={form.name}
            error={problems.name}
            onChange={(name) => {
              setForm({ ...form, name });
              setProblems({ ...problems, name: undefined });
            }}
          >
            <option value="">{t('plans.enrolment.chooseEvent')}</option>
            {events.map((planEvent) => (
              <option key={planEvent.id} value={planEvent.id}>
                {names.event(enrolment.plan, planEvent.id)}
              </option>
            ))}
          </Select>
          <Field
            label={t('plans.enrolment.eventDate')}
            type="date"
            value={form.day}
            error={problems.day}
            onChange={(event) => {
              setForm({ ...form, day: event.target.value });
              setProblems({ ...problems, day: undefined });
            }}
          />
          <button type="submit" className="primary">
            {t('plans.enrolment.eventSave')}
          </button>
        </form>
      )}
    </section>
  );
}

function RecordedEvents({ enrolment, names }: { enrolment: PlanEnrolmentDetail; names: PlanNames }) {
  const { t, i18n } = useTranslation('staff');
  const recorded = [...enrolment.events].sort((a, b) => a.at.localeCompare(b.at));
  if (recorded.length === 0) return <p>{t('plans.enrolment.noEvents')}</p>;
  return (
    <ul>
      {recorded.map((recordedEvent) => (
        <li key={`${recordedEvent.name} ${recordedEvent.recordedAt}`}>
          {t('plans.enrolment.eventAt', {
            event: names.event(enrolment.plan, recordedEvent.name),
            date: osloDayText(recordedEvent.at, i18n.language),
          })}
        </li>
      ))}
    </ul>
  );
}
