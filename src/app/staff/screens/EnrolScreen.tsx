// Enrolling a patient reference in a plan at a unit: the plan from those the register publishes, the
// start date, the settings the unit may choose (the plan's defaults shown), the patient's language
// and, optionally, an e-mail address and a mobile number for invitations and reminders and the birth
// month and sex (register data, SubjectFields.tsx). Problems are
// shown by their fields with what was typed kept; done, it says what it did.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { planEnrolmentResponse, registerApi, type PlanEnrolmentSummary } from '../../../core/index.js';
import { isUiLanguage, languageNames, uiLanguages, type UiLanguage } from '../../i18n/i18n.js';
import { useConsole } from '../console-context.js';
import type { PublishedPlan } from '../contract-shapes.js';
import { hrefFor } from '../routing.js';
import type { StaffT } from '../staff-i18n.js';
import { Field, PageHeading } from '../ui.js';
import {
  isEmail,
  isMobile,
  isSpanWithin,
  osloDayStart,
  osloDayText,
  osloToday,
  PlanErrorMessage,
  spanAsAmount,
  spanText,
  type Span,
} from './EnrolmentParts.js';
import { named, usePlans } from './EnrolmentPlans.js';
import { SettingFields, type SettingValue } from './EnrolSettings.js';
import { emptySubject, SubjectFields, subjectProblem, subjectRequest, type SubjectForm } from './SubjectFields.js';

export interface EnrolForm {
  patientRef: string;
  plan: string;
  unit: string;
  start: string;
  language: UiLanguage;
  settings: Record<string, SettingValue>;
  email: string;
  mobile: string;
  subject: SubjectForm;
}
type Problems = Partial<Record<Exclude<keyof EnrolForm, 'settings'> | `setting.${string}`, string>>;

function emptyForm(units: readonly string[] | 'all', language: UiLanguage): EnrolForm {
  return {
    patientRef: '',
    plan: '',
    unit: units === 'all' ? '' : (units[0] ?? ''),
    start: osloToday(),
    language,
    settings: {},
    email: '',
    mobile: '',
    subject: emptySubject,
  };
}

/** The plan's settings as the form holds them, each at its default. */
const defaultSettings = (plan: PublishedPlan | undefined): Record<string, SettingValue> =>
  Object.fromEntries((plan?.settings ?? []).map((setting) => [setting.id, defaultValue(setting.default)]));

const defaultValue = (span: Span): SettingValue => {
  const { amount, unit } = spanAsAmount(span);
  return { amount: String(amount), unit, isChanged: false };
};

const valueSpan = (value: SettingValue) => ({ [value.unit]: Number(value.amount) });

function problemsOf(form: EnrolForm, plan: PublishedPlan | undefined, t: StaffT): Problems {
  const problems: Problems = {};
  if (!form.patientRef.trim()) problems.patientRef = t('plans.enrol.missingRef');
  if (!plan) problems.plan = t('plans.enrol.missingPlan');
  if (!form.unit.trim()) problems.unit = t('plans.enrol.missingUnit');
  if (!osloDayStart(form.start)) problems.start = t('plans.enrol.badDate');
  for (const setting of plan?.settings ?? []) {
    const value = form.settings[setting.id];
    const isWhole = value !== undefined && /^\d{1,4}$/.test(value.amount.trim());
    if (!value || !isWhole || !isSpanWithin(valueSpan(value), setting.min, setting.max))
      problems[`setting.${setting.id}`] = t('plans.enrol.badSetting', { min: spanText(t, setting.min), max: spanText(t, setting.max) });
  }
  if (form.email.trim() && !isEmail(form.email)) problems.email = t('plans.enrol.badEmail');
  if (form.mobile.trim() && !isMobile(form.mobile)) problems.mobile = t('plans.enrol.badMobile');
  const subject = subjectProblem(form.subject, t);
  if (subject) problems.subject = subject;
  return problems;
}

/** The request: only the settings the unit changed (the plan's defaults for the rest), contact only when given. */
function enrolRequest(form: EnrolForm, plan: PublishedPlan) {
  const changed = Object.entries(form.settings).filter(([, value]) => value.isChanged);
  return {
    patientRef: form.patientRef.trim(),
    plan: plan.id,
    unit: form.unit.trim(),
    language: form.language,
    enrolledAt: osloDayStart(form.start),
    ...(changed.length ? { settings: Object.fromEntries(changed.map(([id, value]) => [id, valueSpan(value)])) } : {}),
    ...(form.email.trim() ? { email: form.email.trim() } : {}),
    ...(form.mobile.trim() ? { mobile: form.mobile.replace(/[\s-]/g, '') } : {}),
    ...subjectRequest(form.subject, { withNulls: false }),
  };
}

export function EnrolScreen() {
  const { t, i18n } = useTranslation('staff');
  const { api, session, announce } = useConsole();
  const units = session?.account.units ?? 'all';
  const plans = usePlans();
  const [form, setForm] = useState<EnrolForm>(() => emptyForm(units, isUiLanguage(i18n.language) ? i18n.language : 'nb'));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<{ enrolment: PlanEnrolmentSummary; hasContact: boolean } | null>(null);
  const plan = plans.data?.plans.find((candidate) => candidate.id === form.plan);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(form, plan, t);
    setProblems(found);
    if (Object.keys(found).length || !plan) return;
    try {
      const { enrolment } = await api.post(registerApi.enrolInPlan.path, planEnrolmentResponse, enrolRequest(form, plan));
      setError(undefined);
      setDone({ enrolment, hasContact: Boolean(form.email.trim() || form.mobile.trim()) });
      const planName = named(plan.title, i18n.language, plan.id);
      const date = osloDayText(enrolment.enrolledAt, i18n.language);
      announce(t('plans.enrol.done', { patientRef: enrolment.patientRef, plan: planName, unit: enrolment.unit, date }));
    } catch (caught) {
      setError(caught);
    }
  };
  const change = (next: Partial<EnrolForm>, fixed: (keyof Problems)[]) => {
    setForm({ ...form, ...next });
    setProblems((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => !fixed.includes(key as keyof Problems))));
  };
  if (done)
    return (
      <EnrolDone
        {...done}
        onAnother={() => {
          setDone(null);
          setForm(emptyForm(units, form.language));
        }}
      />
    );
  return (
    <section>
      <PageHeading>{t('plans.enrol.heading')}</PageHeading>
      <p>{t('plans.enrol.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate className="plan-form">
        <PlanErrorMessage error={error} />
        <PlanErrorMessage error={plans.error} />
        {plans.data?.plans.length === 0 && <p>{t('plans.enrol.noPlans')}</p>}
        <EnrolFields
          form={form}
          problems={problems}
          plans={plans.data?.plans ?? []}
          units={units}
          onChange={change}
          onPlan={(id) => {
            const chosen = plans.data?.plans.find((candidate) => candidate.id === id);
            change({ plan: id, settings: defaultSettings(chosen) }, ['plan']);
          }}
        />
        <button type="submit" className="primary">
          {t('plans.enrol.submit')}
        </button>
      </form>
    </section>
  );
}

interface FieldsProps {
  form: EnrolForm;
  problems: Problems;
  plans: readonly PublishedPlan[];
  units: readonly string[] | 'all';
  onChange: (next: Partial<EnrolForm>, fixed: (keyof Problems)[]) => void;
  onPlan: (id: string) => void;
}

function EnrolFields({ form, problems, plans, units, onChange, onPlan }: FieldsProps) {
  const { t, i18n } = useTranslation('staff');
  const text = (name: 'patientRef' | 'unit' | 'start' | 'email' | 'mobile') => ({
    value: form[name],
    error: problems[name],
    onChange: (event: { target: { value: string } }) => onChange({ [name]: event.target.value }, [name]),
  });
  const plan = plans.find((candidate) => candidate.id === form.plan);
  return (
    <>
      <Field label={t('plans.patientRef')} hint={t('plans.enrol.patientRefHint')} autoComplete="off" {...text('patientRef')} />
      <Select id="enrol-plan" label={t('plans.plan')} value={form.plan} error={problems.plan} onChange={onPlan}>
        <option value="">{t('plans.enrol.choosePlan')}</option>
        {plans.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {named(candidate.title, i18n.language, candidate.id)}
          </option>
        ))}
      </Select>
      {units === 'all' ? (
        <Field label={t('plans.unit')} {...text('unit')} />
      ) : (
        <Select id="enrol-unit" label={t('plans.unit')} value={form.unit} onChange={(unit) => onChange({ unit }, ['unit'])}>
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </Select>
      )}
      <Field label={t('plans.enrol.start')} hint={t('plans.enrol.startHint')} type="date" {...text('start')} />
      {plan?.settings?.length ? (
        <SettingFields
          settings={plan.settings}
          values={form.settings}
          problems={problems}
          onChange={(id, value) => onChange({ settings: { ...form.settings, [id]: value } }, [`setting.${id}`])}
        />
      ) : null}
      <Select
        id="enrol-language"
        label={t('plans.enrol.language')}
        hint={t('plans.enrol.languageHint')}
        value={form.language}
        onChange={(language) => isUiLanguage(language) && onChange({ language }, [])}
      >
        {uiLanguages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageNames[language]}
          </option>
        ))}
      </Select>
      <fieldset>
        <legend>{t('plans.enrol.contact')}</legend>
        <Field label={t('plans.enrol.email')} type="email" autoComplete="off" {...text('email')} />
        <Field label={t('plans.enrol.mobile')} hint={t('plans.enrol.mobileHint')} type="tel" autoComplete="off" {...text('mobile')} />
      </fieldset>
      <SubjectFields form={form.subject} error={problems.subject} onChange={(subject) => onChange({ subject }, ['subject'])} />
    </>
  );
}

interface SelectProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  children: ReactNode;
}

/** A labelled select; its hint and its error are read with it. */
export function Select({ id, label, hint, value, error, onChange, children }: SelectProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      >
        {children}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function EnrolDone({ enrolment, hasContact, onAnother }: { enrolment: PlanEnrolmentSummary; hasContact: boolean; onAnother: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <section>
      <PageHeading>{t('plans.enrol.heading')}</PageHeading>
      <p>{hasContact ? t('plans.enrol.doneContact') : t('plans.enrol.doneNoContact')}</p>
      <p>
        <a href={hrefFor.enrolment(enrolment.id)}>{t('plans.enrol.open')}</a>
      </p>
      <button type="button" onClick={onAnother}>
        {t('plans.enrol.another')}
      </button>
    </section>
  );
}
