// A new order: a patient reference, the questionnaires (from those the register publishes), a
// measurement point, a validity and a unit; then the code, link, QR code and letter for the patient.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createOrderResponse,
  localise,
  questionnaireChoicesResponse,
  registerApi,
  type CreateOrderResponse,
  type QuestionnaireChoice,
} from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { dayEnd, dayStart, ErrorMessage, Field, localDay, PageHeading } from '../ui.js';
import { Handout } from './Handout.js';

interface OrderForm {
  patientRef: string;
  questionnaires: string[];
  measurementPoint: string;
  validFrom: string;
  validUntil: string;
  unit: string;
}

type Problems = Partial<Record<keyof OrderForm, string>>;

const measurementPoints = ['basis', 'oppfolging', 'avslutning'];

function emptyForm(units: readonly string[] | 'all'): OrderForm {
  const today = new Date();
  return {
    patientRef: '',
    questionnaires: [],
    measurementPoint: '',
    validFrom: localDay(today),
    validUntil: localDay(new Date(today.getTime() + 14 * 86_400_000)),
    unit: units === 'all' ? '' : (units[0] ?? ''),
  };
}

function problemsOf(
  form: OrderForm,
  t: (key: `newOrder.${'missingRef' | 'missingQuestionnaire' | 'missingPoint' | 'badValidity'}`) => string,
): Problems {
  const problems: Problems = {};
  if (!form.patientRef.trim()) problems.patientRef = t('newOrder.missingRef');
  if (form.questionnaires.length === 0) problems.questionnaires = t('newOrder.missingQuestionnaire');
  if (!form.measurementPoint.trim()) problems.measurementPoint = t('newOrder.missingPoint');
  if (!form.validUntil || (form.validFrom && form.validUntil < form.validFrom)) problems.validUntil = t('newOrder.badValidity');
  return problems;
}

/** Today's orders start now, a later day's at its start; they end with the last chosen day. */
function orderRequest(form: OrderForm) {
  const isToday = form.validFrom === localDay(new Date());
  return {
    patientRef: form.patientRef.trim(),
    questionnaires: form.questionnaires,
    measurementPoint: form.measurementPoint.trim(),
    ...(form.validFrom && !isToday ? { validFrom: dayStart(form.validFrom) } : {}),
    validUntil: dayEnd(form.validUntil),
    ...(form.unit.trim() ? { unit: form.unit.trim() } : {}),
  };
}

/** The form's fields and problems; a field's problem goes when it is changed, the rest stay until the next try. */
function useOrderForm(units: readonly string[] | 'all') {
  const [form, setForm] = useState<OrderForm>(() => emptyForm(units));
  const [problems, setProblems] = useState<Problems>({});
  const field =
    (name: 'patientRef' | 'measurementPoint' | 'validFrom' | 'validUntil' | 'unit') => (event: { target: { value: string } }) => {
      setForm({ ...form, [name]: event.target.value });
      setProblems(({ [name]: _fixed, ...rest }) => rest);
    };
  const setQuestionnaires = (questionnaires: string[]) => {
    setForm({ ...form, questionnaires });
    setProblems(({ questionnaires: _fixed, ...rest }) => rest);
  };
  return { form, setForm, problems, setProblems, field, setQuestionnaires };
}

export function NewOrderScreen() {
  const { t } = useTranslation('staff');
  const { api, session, announce } = useConsole();
  const units = session?.account.units ?? 'all';
  const { form, setForm, problems, setProblems, field, setQuestionnaires } = useOrderForm(units);
  const [error, setError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<CreateOrderResponse | null>(null);
  const choices = useLoaded(useCallback(() => api.get(registerApi.consoleQuestionnaires.path, questionnaireChoicesResponse), [api]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(form, t);
    setProblems(found);
    if (Object.keys(found).length) return;
    try {
      const answer = await api.post(registerApi.createOrder.path, createOrderResponse, orderRequest(form));
      setError(undefined);
      setCreated(answer);
      announce(t('newOrder.created', { patientRef: answer.order.patientRef }));
    } catch (caught) {
      setError(caught);
    }
  };

  if (created)
    return (
      <CreatedOrder
        created={created}
        onAnother={() => {
          setCreated(null);
          setForm(emptyForm(units));
        }}
      />
    );
  return (
    <section>
      <PageHeading>{t('newOrder.heading')}</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate className="order-form">
        <ErrorMessage error={error} />
        <Field
          label={t('newOrder.patientRef')}
          hint={t('newOrder.patientRefHint')}
          value={form.patientRef}
          onChange={field('patientRef')}
          error={problems.patientRef}
          autoComplete="off"
        />
        <QuestionnaireChoices
          choices={choices}
          chosen={form.questionnaires}
          problem={problems.questionnaires}
          onChange={setQuestionnaires}
        />
        <Field
          label={t('newOrder.measurementPoint')}
          list="measurement-points"
          value={form.measurementPoint}
          onChange={field('measurementPoint')}
          error={problems.measurementPoint}
        />
        <MeasurementPoints />
        <Field label={t('newOrder.validFrom')} type="date" value={form.validFrom} onChange={field('validFrom')} />
        <Field
          label={t('newOrder.validUntil')}
          type="date"
          value={form.validUntil}
          onChange={field('validUntil')}
          error={problems.validUntil}
        />
        <UnitField units={units} value={form.unit} onChange={field('unit')} />
        <button type="submit" className="primary">
          {t('newOrder.submit')}
        </button>
      </form>
    </section>
  );
}

function MeasurementPoints() {
  return (
    <datalist id="measurement-points">
      {measurementPoints.map((point) => (
        <option key={point} value={point} />
      ))}
    </datalist>
  );
}

function CreatedOrder({ created, onAnother }: { created: CreateOrderResponse; onAnother: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <section>
      <PageHeading>{t('newOrder.heading')}</PageHeading>
      <Handout created={created} />
      <button type="button" className="no-print" onClick={onAnother}>
        {t('newOrder.another')}
      </button>
    </section>
  );
}

interface ChoicesProps {
  choices: { data: { questionnaires: QuestionnaireChoice[] } | undefined; error: unknown };
  chosen: string[];
  problem: string | undefined;
  onChange: (chosen: string[]) => void;
}

/** The questionnaires the register publishes, titled in the staff member's language. */
function QuestionnaireChoices({ choices, chosen, problem, onChange }: ChoicesProps) {
  const { t, i18n } = useTranslation('staff');
  const toggle = (key: string, isChecked: boolean) => onChange(isChecked ? [...chosen, key] : chosen.filter((k) => k !== key));
  return (
    <fieldset aria-describedby={problem ? 'questionnaires-error' : undefined}>
      <legend>{t('newOrder.questionnaires')}</legend>
      <ErrorMessage error={choices.error} />
      {choices.data?.questionnaires.map((choice) => (
        <label key={choice.key} className="check">
          <input type="checkbox" checked={chosen.includes(choice.key)} onChange={(e) => toggle(choice.key, e.target.checked)} />{' '}
          {localise(choice.title, i18n.language, choice.languages).text} <span className="muted">({choice.key})</span>
        </label>
      ))}
      {problem && (
        <p className="field-error" id="questionnaires-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function UnitField({
  units,
  value,
  onChange,
}: {
  units: readonly string[] | 'all';
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const { t } = useTranslation('staff');
  if (units === 'all') return <Field label={t('newOrder.unit')} value={value} onChange={onChange} />;
  return (
    <div className="field">
      <label htmlFor="order-unit">{t('newOrder.unit')}</label>
      <select id="order-unit" value={value} onChange={onChange}>
        {units.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </select>
    </div>
  );
}
