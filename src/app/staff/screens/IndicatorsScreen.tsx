// The registers' quality indicators per unit and period (register staff every unit, clinicians their
// own): the period and unit chosen are the query the register takes, for the screen and for the CSV
// and JSON it sends. Per indicator its title and description in the console's language, a table and
// a drawing of the same figures.
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IndicatorPeriodName,
  indicatorsResponse,
  registerApi,
  type IndicatorsQuery,
  type IndicatorsResponse,
} from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { saveBlob } from '../download.js';
import { ErrorMessage, PageHeading } from '../ui.js';
import { IndicatorChart } from './IndicatorChart.js';
import { IndicatorTable } from './IndicatorTable.js';
import { named, usePlanNames } from './EnrolmentPlans.js';
import './indicators.css';

type PeriodName = (typeof IndicatorPeriodName)[keyof typeof IndicatorPeriodName];

interface Filter {
  period: PeriodName;
  from: string;
  to: string;
  unit: string;
}

const examples: Record<PeriodName, string> = { month: '2026-03', quarter: '2026-Q1', year: '2026' };
const patterns: Record<PeriodName, RegExp> = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/, year: /^\d{4}$/ };
const isPeriodName = (value: string): value is PeriodName => Object.values<string>(IndicatorPeriodName).includes(value);
const isValidBound = (period: PeriodName, bound: string) => bound === '' || patterns[period].test(bound);

/** The register's query for a filter; empty fields are left out. */
export function indicatorsQueryOf(filter: Filter): Record<keyof IndicatorsQuery & string, string | undefined> {
  return {
    period: filter.period,
    from: filter.from || undefined,
    to: filter.to || undefined,
    unit: filter.unit || undefined,
    register: undefined,
    indicator: undefined,
  };
}

export function IndicatorsScreen() {
  const { t } = useTranslation('staff');
  const { api, session, announce } = useConsole();
  const [filter, setFilter] = useState<Filter>({ period: IndicatorPeriodName.quarter, from: '', to: '', unit: '' });
  // Asked only when both bounds are written as the period is; until then the last answer stays.
  const [asked, setAsked] = useState<Filter>(filter);
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const change = (next: Filter) => {
    setFilter(next);
    if (isValidBound(next.period, next.from) && isValidBound(next.period, next.to)) setAsked(next);
  };
  const query = useMemo(() => indicatorsQueryOf(asked), [asked]);
  const loaded = useLoaded(useCallback(() => api.get(registerApi.indicatorsJson.path, indicatorsResponse, query), [api, query]));
  // The units to choose from: a clinician's own; for register staff, those the register has answered with.
  const [seenUnits, setSeenUnits] = useState<readonly string[]>([]);
  const answeredUnits = useMemo(
    () =>
      (loaded.data?.indicators ?? []).flatMap((indicator) =>
        indicator.groups.flatMap((group) => (group.unit === null ? [] : [group.unit])),
      ),
    [loaded.data],
  );
  if (answeredUnits.some((unit) => !seenUnits.includes(unit))) setSeenUnits([...new Set([...seenUnits, ...answeredUnits])].sort());
  const ownUnits = session?.account.units;
  const units = Array.isArray(ownUnits) ? [...ownUnits].sort() : seenUnits;
  const indicators = loaded.data?.indicators ?? [];
  const hasPatients = indicators.some((indicator) => indicator.groups.length > 0);

  const download = async (format: 'csv' | 'json') => {
    const file = `indicators-${asked.period}.${format}`;
    try {
      saveBlob(await api.download((format === 'csv' ? registerApi.indicatorsCsv : registerApi.indicatorsJson).path, query), file);
      setDownloadError(undefined);
      announce(t('indicators.downloaded', { file }));
    } catch (caught) {
      setDownloadError(caught);
    }
  };
  return (
    <section className="indicators">
      <PageHeading>{t('indicators.heading')}</PageHeading>
      <p>{t('indicators.intro')}</p>
      <IndicatorFilters filter={filter} onChange={change} units={units} isOwnUnits={Array.isArray(ownUnits)} />
      <div className="actions">
        <button type="button" onClick={() => void download('csv')}>
          {t('indicators.csv')}
        </button>
        <button type="button" onClick={() => void download('json')}>
          {t('indicators.json')}
        </button>
      </div>
      <ErrorMessage error={downloadError} />
      <ErrorMessage error={loaded.error} />
      {loaded.isLoading && !loaded.data ? (
        <p>{t('loading')}</p>
      ) : loaded.error ? null : !hasPatients ? (
        <p>{t('indicators.none')}</p>
      ) : (
        <IndicatorResults indicators={indicators} />
      )}
    </section>
  );
}

/** Per register (named by its plan), each indicator that has patients in the periods asked for. */
function IndicatorResults({ indicators }: { indicators: IndicatorsResponse['indicators'] }) {
  const { i18n } = useTranslation('staff');
  const names = usePlanNames();
  const registers = [...new Set(indicators.map((indicator) => indicator.register))];
  return registers.map((register) => {
    const own = indicators.filter((indicator) => indicator.register === register && indicator.groups.length > 0);
    if (own.length === 0) return null;
    return (
      <section key={register} className="indicator-register" aria-labelledby={`register-${register}`}>
        <h2 id={`register-${register}`}>{names.plan(own[0]?.plan ?? register)}</h2>
        {own.map((indicator) => {
          const title = named(indicator.title, i18n.language, indicator.id);
          const id = `indicator-${register}-${indicator.id}`;
          return (
            <section key={indicator.id} className="indicator" aria-labelledby={`${id}-heading`}>
              <h3 id={`${id}-heading`}>{title}</h3>
              <p>{named(indicator.description, i18n.language, '')}</p>
              <IndicatorTable id={id} title={title} groups={indicator.groups} />
              {indicator.groups.some((group) => !group.isSuppressed) && <IndicatorChart title={title} groups={indicator.groups} />}
            </section>
          );
        })}
      </section>
    );
  });
}

interface FiltersProps {
  filter: Filter;
  onChange: (filter: Filter) => void;
  units: readonly string[];
  isOwnUnits: boolean;
}

/** How the periods are cut, the first and last of them, and the unit (or every unit the staff member sees). */
function IndicatorFilters({ filter, onChange, units, isOwnUnits }: FiltersProps) {
  const { t } = useTranslation('staff');
  const id = useId();
  const example = examples[filter.period];
  const bound = (name: 'from' | 'to') => {
    const isValid = isValidBound(filter.period, filter[name]);
    const fieldId = `${id}-${name}`;
    return (
      <div className="field">
        <label htmlFor={fieldId}>{t(`indicators.${name}`)}</label>
        <p className="hint" id={`${fieldId}-hint`}>
          {t('indicators.rangeHint', { example })}
        </p>
        <input
          id={fieldId}
          value={filter[name]}
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={isValid ? undefined : true}
          aria-describedby={isValid ? `${fieldId}-hint` : `${fieldId}-hint ${fieldId}-error`}
          onChange={(event) => onChange({ ...filter, [name]: event.target.value.trim().toUpperCase() })}
        />
        {!isValid && (
          <p className="field-error" id={`${fieldId}-error`}>
            {t('indicators.rangeInvalid', { example })}
          </p>
        )}
      </div>
    );
  };
  return (
    <form className="filters" aria-label={t('indicators.filters')} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-period`}>{t('indicators.period')}</label>
        <select
          id={`${id}-period`}
          value={filter.period}
          // Bounds written for another cut no longer fit: they are cleared with it.
          onChange={(event) => isPeriodName(event.target.value) && onChange({ ...filter, period: event.target.value, from: '', to: '' })}
        >
          {Object.values(IndicatorPeriodName).map((value) => (
            <option key={value} value={value}>
              {t(`indicators.periods.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {bound('from')}
      {bound('to')}
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('indicators.unit')}</label>
        <select id={`${id}-unit`} value={filter.unit} onChange={(event) => onChange({ ...filter, unit: event.target.value })}>
          <option value="">{isOwnUnits ? t('indicators.allYourUnits') : t('indicators.allUnits')}</option>
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
