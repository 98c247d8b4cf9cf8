// Coverage: per unit, plan, time point and period, how many windows opened, how many orders were
// made, claimed, completed and expired, how many windows were missed, and the response rate.
// Groups with fewer than five patients show no counts ("fewer than 5"), as the registers' own
// reports do, so that a small group does not point at a person.
import { osloDateOf } from '../core/plans/index.js';
import type { CoverageGroup, CoveragePeriod } from '../core/index.js';
import { csvCell } from './export.js';
import type { CoverageRow } from './store/store.js';

/** Fewer patients than this in a group: its counts are not shown. */
export const smallestShownGroup = 5;
export const suppressedText = 'fewer than 5';

export function periodOf(at: string, period: CoveragePeriod): string {
  const { year, month } = osloDateOf(new Date(at));
  if (period === 'year') return String(year);
  if (period === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

const isCompleted = (row: CoverageRow) => row.order !== null && row.order.answeredCount >= row.order.questionnaireCount;

const isAfterReminder = ({ order }: CoverageRow) =>
  order?.firstReminderSentAt != null && order.lastReceivedAt != null && order.firstReminderSentAt <= order.lastReceivedAt;

function countsOf(rows: readonly CoverageRow[], now: Date) {
  const ordered = rows.filter((row) => row.order !== null);
  const completed = ordered.filter(isCompleted).length;
  const windows = rows.length;
  return {
    patients: new Set(rows.map((row) => row.patientRef)).size,
    windows,
    created: ordered.length,
    claimed: ordered.filter((row) => row.order?.claimedAt != null || isCompleted(row)).length,
    completed,
    expired: ordered.filter((row) => !isCompleted(row) && (row.order?.validUntil ?? '') <= now.toISOString()).length,
    missed: rows.filter((row) => row.outcome === 'missed').length,
    responseRate: windows > 0 ? completed / windows : 0,
    invitationsSent: ordered.filter((row) => row.order?.isInvited === true).length,
    completedAfterReminder: ordered.filter((row) => isCompleted(row) && isAfterReminder(row)).length,
  };
}

/** The groups, in the order unit, plan, time point, period; windows closed while paused are left out (they were not asked). */
export function coverageGroups(rows: readonly CoverageRow[], period: CoveragePeriod, now: Date): CoverageGroup[] {
  const groups = new Map<string, { key: Pick<CoverageGroup, 'unit' | 'plan' | 'timePoint' | 'period'>; rows: CoverageRow[] }>();
  for (const row of rows) {
    if (row.outcome === 'paused') continue;
    const key = { unit: row.unit, plan: row.planKey, timePoint: row.timePoint, period: periodOf(row.opensAt, period) };
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const sorted = [...groups.values()].sort((a, b) => {
    const [x, y] = [a.key, b.key];
    return (
      x.unit.localeCompare(y.unit) ||
      x.plan.localeCompare(y.plan) ||
      x.timePoint.localeCompare(y.timePoint) ||
      x.period.localeCompare(y.period)
    );
  });
  return sorted.map(({ key, rows: groupRows }) => {
    const counts = countsOf(groupRows, now);
    if (counts.patients >= smallestShownGroup) return { ...key, isSuppressed: false, ...counts };
    return {
      ...key,
      isSuppressed: true,
      patients: null,
      windows: null,
      created: null,
      claimed: null,
      completed: null,
      expired: null,
      missed: null,
      responseRate: null,
      invitationsSent: null,
      completedAfterReminder: null,
    };
  });
}

/** The columns added with messages come last, so that readers of the earlier columns by position read them as before. */
const countColumns = [
  'patients',
  'windows',
  'created',
  'claimed',
  'completed',
  'expired',
  'missed',
  'responseRate',
  'invitationsSent',
  'completedAfterReminder',
] as const;

/** CSV for the register: a suppressed group's counts read "fewer than 5". */
export function coverageCsv(groups: readonly CoverageGroup[]): string {
  const lines = [['unit', 'plan', 'timePoint', 'period', ...countColumns].join(',')];
  for (const group of groups) {
    const counts = countColumns.map((column) => {
      const value = group[column];
      if (group.isSuppressed) return suppressedText;
      return column === 'responseRate' && typeof value === 'number' ? value.toFixed(3) : value;
    });
    lines.push([group.unit, group.plan, group.timePoint, group.period, ...counts].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
