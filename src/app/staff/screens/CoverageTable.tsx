// The coverage table: one row per unit, plan, time point and period with the register's counts, or
// "fewer than 5" across them when the register shows none for a small group.
import { useTranslation } from 'react-i18next';
import type { CoverageGroup } from '../../../core/index.js';
import { percentText } from './EnrolmentParts.js';
import type { PlanNames } from './EnrolmentPlans.js';

/** The counts a group carries, in the order the table shows them; invitations and reminders come with messages connected. */
export const countColumns = [
  'patients',
  'created',
  'invitationsSent',
  'claimed',
  'completed',
  'completedAfterReminder',
  'expired',
  'missed',
] as const;
export type CountColumn = (typeof countColumns)[number];

/** A group's count; undefined when this register does not count it. */
export const countOf = (group: CoverageGroup, column: CountColumn): number | null | undefined =>
  (group as Partial<Record<CountColumn, number | null>>)[column];

export const groupKey = (group: CoverageGroup) => `${group.unit}\n${group.plan}\n${group.timePoint}\n${group.period}`;

export function groupLabel(group: CoverageGroup, names: PlanNames): string {
  return `${group.unit} · ${names.plan(group.plan)} · ${names.timePoint(group.plan, group.timePoint)} · ${group.period}`;
}

interface CoverageTableProps {
  groups: readonly CoverageGroup[];
  columns: readonly CountColumn[];
  names: PlanNames;
}

export function CoverageTable({ groups, columns, names }: CoverageTableProps) {
  const { t, i18n } = useTranslation('staff');
  return (
    <div className="table-scroll" role="region" aria-labelledby="coverage-table-caption" tabIndex={0}>
      <table>
        <caption id="coverage-table-caption">{t('plans.coverage.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.unit')}</th>
            <th scope="col">{t('plans.plan')}</th>
            <th scope="col">{t('plans.timePoint')}</th>
            <th scope="col">{t('plans.coverage.period')}</th>
            {columns.map((column) => (
              <th key={column} scope="col" className="number">
                {t(`plans.coverage.columns.${column}`)}
              </th>
            ))}
            <th scope="col" className="number">
              {t('plans.coverage.columns.responseRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={groupKey(group)}>
              <td>{group.unit}</td>
              <td>{names.plan(group.plan)}</td>
              <td>{names.timePoint(group.plan, group.timePoint)}</td>
              <td>{group.period}</td>
              {group.isSuppressed ? (
                <td colSpan={columns.length + 1}>{t('plans.coverage.fewerThan5')}</td>
              ) : (
                <>
                  {columns.map((column) => (
                    <td key={column} className="number">
                      {countOf(group, column) ?? '—'}
                    </td>
                  ))}
                  <td className="number">{group.responseRate === null ? '—' : percentText(group.responseRate, i18n.language)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
