// A patient's course chart: its figures worked out by hand (golden), and what it shows, to the eye
// and to a screen reader (the table with the same figures).
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { CoursePoint, CourseScore } from '../../../src/core/index.js';
import { courseGeometry } from '../../../src/app/staff/course-geometry.js';
import { CourseChart } from '../../../src/app/staff/screens/CourseChart.js';
import { createStaffI18n } from '../../../src/app/staff/staff-i18n.js';

const point = (
  submissionId: string,
  completedAt: string,
  value: number | null,
  change: CoursePoint['change'],
  band: string | null,
): CoursePoint => ({
  submissionId,
  questionnaireKey: 'ede-q@6.0',
  measurementPoint: 'start',
  completedAt,
  receivedAt: completedAt,
  value,
  band,
  noScoreReason: value === null ? 'missingAnswers' : null,
  change,
  isRemission: false,
});

const score: CourseScore = {
  id: 'global',
  title: 'Global score',
  bands: [
    { label: 'Low', from: 0, to: 4 },
    { label: 'High', from: 4, to: null },
  ],
  better: 'lower',
  points: [
    point('s1', '2027-01-01T10:00:00Z', 5.2, null, 'High'),
    point('s2', '2027-01-11T10:00:00Z', 3, 'improved', 'Low'),
    point('s3', '2027-01-21T10:00:00Z', 2, 'improved', 'Low'),
  ],
};

describe('the figures of a course chart (worked by hand)', () => {
  // box 640 × 240, plot from x 48 to 624 (576 wide) and y 12 to 208 (196 high)
  it('scales the values 0 to 6 in steps of 2 (values 2 to 5.2 and band bounds 0 and 4)', () => {
    const g = courseGeometry(score);
    expect([g.min, g.max, g.ticks]).toEqual([0, 6, [0, 2, 4, 6]]);
  });

  it('places each answer by its date and value: y = 12 + (6 − value) / 6 × 196', () => {
    const g = courseGeometry(score);
    expect(g.points.map((p) => [p.submissionId, p.x, Number(p.y.toFixed(4))])).toEqual([
      ['s1', 48, 38.1333],
      ['s2', 336, 110],
      ['s3', 624, 142.6667],
    ]);
  });

  it('shades each band from its lower bound to the next band’s, the last up to the scale’s end', () => {
    const g = courseGeometry(score);
    expect(g.stripes.map((s) => [s.label, Number(s.y.toFixed(4)), Number(s.height.toFixed(4))])).toEqual([
      ['Low', 77.3333, 130.6667],
      ['High', 12, 65.3333],
    ]);
  });

  it('puts a single answer in the middle, and leaves an answer without a value out of the line but not off the dates', () => {
    const one = courseGeometry({ ...score, bands: [], points: [point('only', '2027-01-01T10:00:00Z', 3, null, null)] });
    expect([one.min, one.max, one.points[0]?.x]).toEqual([2, 4, 336]);
    const gap = courseGeometry({ ...score, points: [...score.points, point('s4', '2027-01-31T10:00:00Z', null, null, null)] });
    expect(gap.points).toHaveLength(3);
    expect(gap.times.map((t) => t.submissionId)).toEqual(['s1', 's2', 's3', 's4']);
  });
});

describe('the chart as people meet it', () => {
  it('draws the bands and points, marks a clear change, and gives the same figures as a table', async () => {
    const i18n = await createStaffI18n('en');
    const { container } = render(
      <I18nextProvider i18n={i18n}>
        <CourseChart score={score} />
      </I18nextProvider>,
    );
    const chart = screen.getByRole('img', { name: 'Global score over time' });
    expect(chart.querySelectorAll('.band rect')).toHaveLength(2);
    expect(chart.querySelectorAll('.change-improved')).toHaveLength(2);
    expect(container.querySelector('figcaption')?.textContent).toContain('(lower is better)');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['start', '5.2', 'High', '—'],
      ['start', '3', 'Low', 'clearly better'],
      ['start', '2', 'Low', 'clearly better'],
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('#/submissions/s1');
  });
});
