// Coverage of the measurement plans per unit, plan, time point and period: a table of the register's
// counts ("fewer than 5" where the register shows no counts), a chart of the response rate drawn in
// SVG with the same figures, and the same as CSV or JSON for the register.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CoveragePeriod, coverageResponse, registerApi, type CoverageGroup } from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { saveBlob } from '../download.js';
import { PageHeading } from '../ui.js';
import { CoverageChart } from './CoverageChart.js';
import { countColumns, countOf, CoverageTable, groupKey, groupLabel } from './CoverageTable.js';
import { PlanErrorMessage } from './EnrolmentParts.js';
import { usePlanNames, type PlanNames } from './EnrolmentPlans.js';

interface Filter {
  period: CoveragePeriod;
  unit: string;
  plan: string;
  timePoint: string;
}

const isPeriod = (value: string): value is CoveragePeriod => Object.values<string>(CoveragePeriod).includes(value);
const distinct = (values: readonly string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

export function CoverageScreen() {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const names = usePlanNames();
  const [filter, setFilter] = useState<Filter>({ period: CoveragePeriod.month, unit: '', plan: '', timePoint: '' });
  const { period } = filter;
  const [downloadError, setDownloadError] = useState<unknown>(undefined);
  const loaded = useLoaded(useCallback(() => api.get(registerApi.coverageJson.path, coverageResponse, { period }), [api, period]));
  const all = useMemo(() => loaded.data?.groups ?? [], [loaded.data]);
  const groups = useMemo(
    () =>
      all.filter(
        (group) =>
          (!filter.unit || group.unit === filter.unit) &&
          (!filter.plan || group.plan === filter.plan) &&
          (!filter.timePoint || group.timePoint === filter.timePoint),
      ),
    [all, filter],
  );
  // Columns this register counts (invitations and reminders only where messages are connected).
  const columns = countColumns.filter((column) => all.length === 0 || all.some((group) => countOf(group, column) !== undefined));
  const download = async (format: 'csv' | 'json') => {
    const file = `coverage-${period}.${format}`;
    try {
      saveBlob(await api.download((format === 'csv' ? registerApi.coverageCsv : registerApi.coverageJson).path, { period }), file);
      setDownloadError(undefined);
      announce(t('plans.coverage.downloaded', { file }));
    } catch (caught) {
      setDownloadError(caught);
    }
  };
  return (
    <section>
      <PageHeading>{t('plans.coverage.heading')}</PageHeading>
      <p>{t('plans.coverage.intro')}</p>
      <CoverageFilters filter={filter} onChange={setFilter} groups={all} names={names} />
      <div className="actions">
        <button type="button" onClick={() => void download('csv')}>
          {t('plans.coverage.csv')}
        </button>
        <button type="button" onClick={() => void download('json')}>
          {t('plans.coverage.json')}
        </button>
      </div>
      <PlanErrorMessage error={downloadError} />
      <PlanErrorMessage error={loaded.error} />
      {loaded.isLoading && !loaded.data ? (
        <p>{t('loading')}</p>
      ) : groups.length === 0 ? (
        <p>{t('plans.coverage.none')}</p>
      ) : (
        <>
          <CoverageTable groups={groups} columns={columns} names={names} />
          <CoverageChart
            caption={t('plans.coverage.chart')}
            bars={groups.map((group) => ({
              key: groupKey(group),
              label: groupLabel(group, names),
              rate: group.isSuppressed ? null : group.responseRate,
            }))}
          />
        </>
      )}
    </section>
  );
}

interface FiltersProps {
  filter: Filter;
  onChange: (filter: Filter) => void;
  groups: readonly CoverageGroup[];
  names: PlanNames;
}

/** The period the register counts by, and the unit, plan and time point shown (from those it counted). */
function CoverageFilters({ filter, onChange, groups, names }: FiltersProps) {
  const { t } = useTranslation('staff');
  const select = (name: 'unit' | 'plan' | 'timePoint', label: string, values: readonly string[], text: (value: string) => string) => (
    <div className="field">
      <label htmlFor={`coverage-${name}`}>{label}</label>
      <select
        id={`coverage-${name}`}
        value={filter[name]}
        onChange={(event) => onChange({ ...filter, [name]: event.target.value, ...(name === 'plan' ? { timePoint: '' } : {}) })}
      >
        <option value="">{t('state.any')}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {text(value)}
          </option>
        ))}
      </select>
    </div>
  );
  const points = distinct(groups.filter((group) => !filter.plan || group.plan === filter.plan).map((group) => group.timePoint));
  return (
    <form className="filters" aria-label={t('orders.filters')} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor="coverage-period">{t('plans.coverage.period')}</label>
        <select
          id="coverage-period"
          value={filter.period}
          onChange={(event) => isPeriod(event.target.value) && onChange({ ...filter, period: event.target.value })}
        >
          {Object.values(CoveragePeriod).map((value) => (
            <option key={value} value={value}>
              {t(`plans.coverage.periods.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {select('unit', t('plans.unit'), distinct(groups.map((group) => group.unit)), (unit) => unit)}
      {select('plan', t('plans.plan'), distinct(groups.map((group) => group.plan)), (plan) => names.plan(plan))}
      {select('timePoint', t('plans.timePoint'), points, (point) => names.timePoint(filter.plan, point))}
    </form>
  );
}
