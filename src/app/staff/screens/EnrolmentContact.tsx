// The patient's contact for messages, as staff see it (masked by the register), changing it, and
// stopping messages (after a confirmation). Ended enrolments have none: it was forgotten.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registerApi } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole } from '../console-context.js';
import { planEnrolmentDetailResponse, type PlanEnrolmentDetail } from '../contract-shapes.js';
import type { StaffT } from '../staff-i18n.js';
import { Field } from '../ui.js';
import { isEmail, isMobile, osloDayText, PlanErrorMessage } from './EnrolmentParts.js';

interface ContactProps {
  enrolment: PlanEnrolmentDetail;
  onChanged: () => void;
}

export function EnrolmentContact({ enrolment, onChanged }: ContactProps) {
  const { t, i18n } = useTranslation('staff');
  const { contact } = enrolment;
  const stoppedBy = contact?.stoppedBy === 'patient' || contact?.stoppedBy === 'staff' ? contact.stoppedBy : null;
  return (
    <section aria-labelledby="enrolment-contact">
      <h2 id="enrolment-contact">{t('plans.enrolment.contact')}</h2>
      {contact && (contact.email || contact.mobile) ? (
        <dl className="facts">
          {contact.email && (
            <>
              <dt>{t('plans.enrol.email')}</dt>
              <dd>{contact.email}</dd>
            </>
          )}
          {contact.mobile && (
            <>
              <dt>{t('plans.enrol.mobile')}</dt>
              <dd>{contact.mobile}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>{t('plans.enrolment.noContact')}</p>
      )}
      {contact?.stoppedAt && (
        <p>
          {t('plans.enrolment.messagesStopped', {
            date: osloDayText(contact.stoppedAt, i18n.language),
            by: stoppedBy ? t(`plans.enrolment.stoppedBy.${stoppedBy}`) : '—',
          })}
        </p>
      )}
      {!enrolment.endedAt && <ChangeContact enrolment={enrolment} onChanged={onChanged} />}
      {!enrolment.endedAt && contact && !contact.stoppedAt && <StopMessages enrolment={enrolment} onChanged={onChanged} />}
    </section>
  );
}

interface ContactForm {
  email: string;
  mobile: string;
  removeEmail: boolean;
  removeMobile: boolean;
}

/** The problems of what was typed, or the request: a value sets, null removes, left out keeps. */
function checkContact(form: ContactForm, t: StaffT) {
  const email = form.email.trim();
  const mobile = form.mobile.replace(/[\s-]/g, '');
  const found = {
    ...(email && !isEmail(email) ? { email: t('plans.enrol.badEmail') } : {}),
    ...(mobile && !isMobile(mobile) ? { mobile: t('plans.enrol.badMobile') } : {}),
    ...(!email && !mobile && !form.removeEmail && !form.removeMobile ? { form: t('plans.enrolment.nothingToChange') } : {}),
  };
  if (Object.keys(found).length) return { found, body: undefined };
  const body = {
    ...(email ? { email } : form.removeEmail ? { email: null } : {}),
    ...(mobile ? { mobile } : form.removeMobile ? { mobile: null } : {}),
  };
  return { found, body };
}

function ChangeContact({ enrolment, onChanged }: ContactProps) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [form, setForm] = useState<ContactForm>({ email: '', mobile: '', removeEmail: false, removeMobile: false });
  const [problems, setProblems] = useState<{ email?: string | undefined; mobile?: string | undefined; form?: string | undefined }>({});
  const [error, setError] = useState<unknown>(undefined);
  const { contact } = enrolment;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { found, body } = checkContact(form, t);
    setProblems(found);
    if (!body) return;
    try {
      await api.post(pathOf(registerApi.setPlanContact, { id: enrolment.id }), planEnrolmentDetailResponse, body);
      setError(undefined);
      setForm({ email: '', mobile: '', removeEmail: false, removeMobile: false });
      announce(t('plans.enrolment.contactDone', { patientRef: enrolment.patientRef }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form className="plan-form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset>
        <legend>{t('plans.enrolment.changeContact')}</legend>
        <PlanErrorMessage error={error} />
        {problems.form && (
          <p className="form-error" role="alert">
            {problems.form}
          </p>
        )}
        <Field
          label={t('plans.enrolment.newEmail')}
          hint={t('plans.enrolment.keepHint')}
          type="email"
          autoComplete="off"
          value={form.email}
          error={problems.email}
          onChange={(event) => setForm({ ...form, email: event.target.value })}
        />
        {contact?.email && (
          <label className="check">
            <input
              type="checkbox"
              checked={form.removeEmail}
              onChange={(event) => setForm({ ...form, removeEmail: event.target.checked })}
            />{' '}
            {t('plans.enrolment.removeEmail')}
          </label>
        )}
        <Field
          label={t('plans.enrolment.newMobile')}
          hint={t('plans.enrol.mobileHint')}
          type="tel"
          autoComplete="off"
          value={form.mobile}
          error={problems.mobile}
          onChange={(event) => setForm({ ...form, mobile: event.target.value })}
        />
        {contact?.mobile && (
          <label className="check">
            <input
              type="checkbox"
              checked={form.removeMobile}
              onChange={(event) => setForm({ ...form, removeMobile: event.target.checked })}
            />{' '}
            {t('plans.enrolment.removeMobile')}
          </label>
        )}
        <button type="submit">{t('plans.enrolment.contactSave')}</button>
      </fieldset>
    </form>
  );
}

function StopMessages({ enrolment, onChanged }: ContactProps) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [isAsking, setIsAsking] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { patientRef } = enrolment;
  const stop = async () => {
    try {
      await api.post(pathOf(registerApi.stopPlanMessages, { id: enrolment.id }), planEnrolmentDetailResponse);
      setError(undefined);
      setIsAsking(false);
      announce(t('plans.enrolment.stopDone', { patientRef }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <PlanErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="danger" aria-expanded={isAsking} onClick={() => setIsAsking(!isAsking)}>
          {t('plans.enrolment.stop')}
        </button>
      </div>
      {isAsking && (
        <div className="confirm">
          <p>{t('plans.enrolment.confirmStop', { patientRef })}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void stop()}>
              {t('plans.enrolment.yesStop')}
            </button>
            <button type="button" onClick={() => setIsAsking(false)}>
              {t('plans.enrolment.keep')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
