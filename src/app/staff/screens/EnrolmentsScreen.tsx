// The enrolments in measurement plans staff may see: searched by patient reference (and unit) at the
// register, filtered by plan and state, a page at a time; each opens its enrolment page.
import { useCallback, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { planEnrolmentsResponse, registerApi, type PlanEnrolmentSummary } from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { hrefFor } from '../routing.js';
import { Field, PageHeading } from '../ui.js';
import { EnrolmentState, enrolmentState, osloDayText, planIdOf, PlanErrorMessage } from './EnrolmentParts.js';
import { usePlanNames, type PlanNames } from './EnrolmentPlans.js';

export const enrolmentsPageSize = 20;

interface Filter {
  patientRef: string;
  unit: string;
  plan: string;
  state: string;
}
const noFilter: Filter = { patientRef: '', unit: '', plan: '', state: '' };

export function EnrolmentsScreen() {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const names = usePlanNames();
  const [typed, setTyped] = useState<Filter>(noFilter);
  const [applied, setApplied] = useState<Filter>(noFilter);
  const [shownCount, setShownCount] = useState(enrolmentsPageSize);
  const { patientRef, unit } = applied;
  const loaded = useLoaded(
    useCallback(
      () =>
        api.get(registerApi.listPlanEnrolments.path, planEnrolmentsResponse, {
          patientRef: patientRef.trim() || undefined,
          unit: unit.trim() || undefined,
        }),
      [api, patientRef, unit],
    ),
  );
  const matching = useMemo(
    () =>
      (loaded.data?.enrolments ?? [])
        .filter((e) => (!applied.plan || planIdOf(e.plan) === applied.plan) && (!applied.state || enrolmentState(e) === applied.state))
        .sort((a, b) => b.enrolledAt.localeCompare(a.enrolledAt)),
    [loaded.data, applied],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...typed });
    setShownCount(enrolmentsPageSize);
  };
  const planIds = [...new Set([...names.plans.map((plan) => plan.id), ...(loaded.data?.enrolments ?? []).map((e) => planIdOf(e.plan))])];
  return (
    <section>
      <PageHeading>{t('plans.enrolments.heading')}</PageHeading>
      <p>
        <a href={hrefFor.enrol}>{t('plans.nav.enrol')}</a>
      </p>
      <EnrolmentFilters
        typed={typed}
        setTyped={setTyped}
        planIds={planIds}
        names={names}
        onSearch={search}
        onClear={() => {
          setTyped(noFilter);
          setApplied(noFilter);
        }}
      />
      <PlanErrorMessage error={loaded.error} />
      {loaded.isLoading && !loaded.data ? (
        <p>{t('loading')}</p>
      ) : matching.length === 0 ? (
        <p>{t('plans.enrolments.none')}</p>
      ) : (
        <EnrolmentTable enrolments={matching.slice(0, shownCount)} total={matching.length} names={names} />
      )}
      {matching.length > shownCount && (
        <button type="button" onClick={() => setShownCount(shownCount + enrolmentsPageSize)}>
          {t('orders.more')}
        </button>
      )}
    </section>
  );
}

interface FiltersProps {
  typed: Filter;
  setTyped: (filter: Filter) => void;
  planIds: readonly string[];
  names: PlanNames;
  onSearch: (event: FormEvent) => void;
  onClear: () => void;
}

function EnrolmentFilters({ typed, setTyped, planIds, names, onSearch, onClear }: FiltersProps) {
  const { t } = useTranslation('staff');
  const field = (name: keyof Filter) => (event: { target: { value: string } }) => setTyped({ ...typed, [name]: event.target.value });
  return (
    <form className="filters" onSubmit={onSearch} aria-label={t('orders.filters')} noValidate>
      <Field label={t('plans.patientRef')} type="search" value={typed.patientRef} onChange={field('patientRef')} />
      <Field label={t('plans.unit')} type="search" value={typed.unit} onChange={field('unit')} />
      <Choice id="enrolments-plan" label={t('plans.plan')} value={typed.plan} onChange={field('plan')}>
        {[...planIds].sort().map((id) => (
          <option key={id} value={id}>
            {names.plan(id)}
          </option>
        ))}
      </Choice>
      <Choice id="enrolments-state" label={t('plans.state')} value={typed.state} onChange={field('state')}>
        {Object.values(EnrolmentState).map((state) => (
          <option key={state} value={state}>
            {t(`plans.states.${state}`)}
          </option>
        ))}
      </Choice>
      <div className="filter-buttons">
        <button type="submit" className="primary">
          {t('orders.search')}
        </button>
        <button type="button" onClick={onClear}>
          {t('orders.clear')}
        </button>
      </div>
    </form>
  );
}

function Choice(props: {
  id: string;
  label: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('staff');
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={props.onChange}>
        <option value="">{t('state.any')}</option>
        {props.children}
      </select>
    </div>
  );
}

function EnrolmentTable({ enrolments, total, names }: { enrolments: PlanEnrolmentSummary[]; total: number; names: PlanNames }) {
  const { t, i18n } = useTranslation('staff');
  return (
    <>
      <p>{t('plans.enrolments.count', { shown: enrolments.length, count: total })}</p>
      <div className="table-scroll" role="region" aria-labelledby="enrolments-caption" tabIndex={0}>
        <table>
          <caption id="enrolments-caption">{t('plans.enrolments.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.patientRef')}</th>
              <th scope="col">{t('plans.plan')}</th>
              <th scope="col">{t('plans.unit')}</th>
              <th scope="col">{t('plans.enrolments.enrolled')}</th>
              <th scope="col">{t('plans.state')}</th>
              <th scope="col" className="number">
                {t('plans.enrolments.opened')}
              </th>
            </tr>
          </thead>
          <tbody>
            {enrolments.map((enrolment) => (
              <tr key={enrolment.id}>
                <td>
                  <a href={hrefFor.enrolment(enrolment.id)}>{enrolment.patientRef}</a>
                </td>
                <td>{names.plan(enrolment.plan)}</td>
                <td>{enrolment.unit}</td>
                <td>{osloDayText(enrolment.enrolledAt, i18n.language)}</td>
                <td>{t(`plans.states.${enrolmentState(enrolment)}`)}</td>
                <td className="number">{enrolment.windows.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
