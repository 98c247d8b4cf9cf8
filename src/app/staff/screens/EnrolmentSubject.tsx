// The patient's birth month and sex on the enrolment page (register data, for iso-BMI): shown, and
// changed by staff who may see the enrolment, also once it has ended (a correction still counts).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registerApi } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole } from '../console-context.js';
import { planEnrolmentDetailResponse, type PlanEnrolmentDetail } from '../contract-shapes.js';
import { PlanErrorMessage } from './EnrolmentParts.js';
import { SubjectFields, subjectFormOf, subjectProblem, subjectRequest, type SubjectForm } from './SubjectFields.js';

interface SubjectProps {
  enrolment: PlanEnrolmentDetail;
  onChanged: () => void;
}

export function EnrolmentSubject({ enrolment, onChanged }: SubjectProps) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [form, setForm] = useState<SubjectForm>(() => subjectFormOf(enrolment));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = subjectProblem(form, t);
    setProblem(found);
    if (found) return;
    try {
      const body = subjectRequest(form, { withNulls: true });
      await api.post(pathOf(registerApi.setPlanSubject, { id: enrolment.id }), planEnrolmentDetailResponse, body);
      setError(undefined);
      setForm(subjectFormOf(body));
      announce(t('subject.done', { patientRef: enrolment.patientRef }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="enrolment-subject">
      <h2 id="enrolment-subject">{t('subject.heading')}</h2>
      <dl className="facts">
        <dt>{t('subject.birthMonth')}</dt>
        <dd>{enrolment.birthMonth ?? t('subject.notGiven')}</dd>
        <dt>{t('subject.sex')}</dt>
        <dd>{enrolment.sex ? t(`subject.sexes.${enrolment.sex}`) : t('subject.notGiven')}</dd>
      </dl>
      <form className="plan-form" onSubmit={(event) => void submit(event)} noValidate>
        <PlanErrorMessage error={error} />
        <SubjectFields
          form={form}
          error={problem}
          onChange={(next) => {
            setForm(next);
            if (next.birthMonth !== form.birthMonth) setProblem(undefined);
          }}
        />
        <button type="submit">{t('subject.save')}</button>
      </form>
    </section>
  );
}
