// The patient's birth month and sex as register data (for iso-BMI under 18 in the indicators), given at
// enrolment and changed on the enrolment page: never asked of the patient. The birth month is a month
// input; where a browser shows it as a text box, the hint says how to write it (YYYY-MM).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentBirthMonth, earliestBirthMonth, type SubjectSex } from '../../../core/index.js';
import type { StaffT } from '../staff-i18n.js';
import { Field } from '../ui.js';

export interface SubjectForm {
  /** As typed. */
  birthMonth: string;
  /** '': not given. */
  sex: SubjectSex | '';
}

export const emptySubject: SubjectForm = { birthMonth: '', sex: '' };

const sexChoices = ['', 'female', 'male'] as const satisfies readonly SubjectForm['sex'][];

export const subjectFormOf = (subject: { birthMonth?: string | null; sex?: SubjectSex | null }): SubjectForm => ({
  birthMonth: subject.birthMonth ?? '',
  sex: subject.sex ?? '',
});

/** What was typed as YYYY-MM ("2011-4" is taken too); null when empty, undefined when not a month from 1900 to this one. */
export function birthMonthOf(typed: string): string | null | undefined {
  const trimmed = typed.trim();
  if (!trimmed) return null;
  const match = /^(\d{4})-(\d{1,2})$/.exec(trimmed);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) return undefined;
  const value = `${match[1]}-${String(month).padStart(2, '0')}`;
  return value >= earliestBirthMonth && value <= currentBirthMonth() ? value : undefined;
}

/** The birth month's problem, if any. */
export const subjectProblem = (form: SubjectForm, t: StaffT): string | undefined =>
  birthMonthOf(form.birthMonth) === undefined ? t('subject.badBirthMonth') : undefined;

/** The request's fields: given ones only (at enrolment), or each as a value or null (on the enrolment page). */
export function subjectRequest(form: SubjectForm, { withNulls }: { withNulls: boolean }) {
  const birthMonth = birthMonthOf(form.birthMonth) ?? null;
  const sex = form.sex || null;
  if (withNulls) return { birthMonth, sex };
  return { ...(birthMonth ? { birthMonth } : {}), ...(sex ? { sex } : {}) };
}

interface SubjectFieldsProps {
  form: SubjectForm;
  error?: string | undefined;
  onChange: (form: SubjectForm) => void;
}

export function SubjectFields({ form, error, onChange }: SubjectFieldsProps) {
  const { t } = useTranslation('staff');
  const id = useId();
  return (
    <fieldset>
      <legend>{t('subject.legend')}</legend>
      <p className="hint">{t('subject.intro')}</p>
      <Field
        label={t('subject.birthMonth')}
        hint={t('subject.birthMonthHint')}
        type="month"
        min={earliestBirthMonth}
        max={currentBirthMonth()}
        placeholder="YYYY-MM"
        autoComplete="off"
        value={form.birthMonth}
        error={error}
        onChange={(event) => onChange({ ...form, birthMonth: event.target.value })}
      />
      <fieldset>
        <legend>{t('subject.sex')}</legend>
        {sexChoices.map((sex) => (
          <label key={sex || 'notGiven'} className="check">
            <input type="radio" name={`${id}-sex`} value={sex} checked={form.sex === sex} onChange={() => onChange({ ...form, sex })} />{' '}
            {t(`subject.sexes.${sex || 'notGiven'}`)}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
