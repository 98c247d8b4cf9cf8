// "My answers over time": completing a questionnaire on the patient's own phone keeps the scores its
// definition shows the patient (never on a shared tablet); the screen shows them over time with what
// the levels mean, and deletes them after asking.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DeviceContext } from '../../src/app/device-context.js';
import { createI18n } from '../../src/app/i18n/i18n.js';
import { ProgressScreen } from '../../src/app/screens/ProgressScreen.js';
import { progressOf, recordProgress } from '../../src/device/progress.js';
import { freshDatabase, parsed } from './render.js';

const mood = parsed({
  id: 'mood-check',
  version: '1',
  languages: ['nb', 'en'],
  title: { nb: 'Humørsjekk', en: 'Mood check' },
  license: 'test',
  source: { citation: 'test' },
  items: [
    { id: 'a', kind: 'scale', min: 0, max: 6, labels: [{ value: 0, text: { nb: 'Aldri', en: 'Never' } }], text: { nb: 'A', en: 'A' } },
    { id: 'b', kind: 'scale', min: 0, max: 6, labels: [{ value: 0, text: { nb: 'Aldri', en: 'Never' } }], text: { nb: 'B', en: 'B' } },
  ],
  scores: [
    {
      id: 'total',
      title: { nb: 'Sum', en: 'Total' },
      kind: 'sum',
      items: ['a', 'b'],
      showToPatient: true,
      bands: [
        { id: 'low', label: { nb: 'Lite plager', en: 'Few troubles' } },
        { id: 'high', from: 7, label: { nb: 'Mange plager', en: 'Many troubles' } },
      ],
    },
    { id: 'hidden', title: { nb: 'Skjult', en: 'Hidden' }, kind: 'sum', items: ['a'] },
  ],
});

describe('the scores kept for the patient', () => {
  it('keeps only the scores marked showToPatient, with every level', () => {
    const row = progressOf(mood.definition, 'mood-check@1', 'r1', { a: { value: 5 }, b: { value: 4 } }, '2027-01-10T10:00:00.000Z');
    expect(row?.scores.map((s) => [s.scoreId, s.value, s.bandId])).toEqual([['total', 9, 'high']]);
  });
});

describe('the screen', () => {
  it('shows each answer over time with its level and what the levels mean, and deletes after asking', async () => {
    const db = freshDatabase();
    for (const [id, a, b, at] of [
      ['r1', 5, 4, '2027-01-10T10:00:00.000Z'],
      ['r2', 2, 1, '2027-02-10T10:00:00.000Z'],
    ] as const) {
      const row = progressOf(mood.definition, 'mood-check@1', id, { a: { value: a }, b: { value: b } }, at);
      if (row) await recordProgress(db, row);
    }
    const i18n = await createI18n('en');
    render(
      <DeviceContext.Provider value={db}>
        <I18nextProvider i18n={i18n}>
          <ProgressScreen />
        </I18nextProvider>
      </DeviceContext.Provider>,
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Mood check' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Total over time' })).toBeTruthy();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['9', 'Many troubles', 'Not sent yet'],
      ['3', 'Few troubles', 'Not sent yet'],
    ]);
    expect(screen.getByText('7 or more: Many troubles')).toBeTruthy();
    expect(screen.queryByText('Hidden over time')).toBeNull();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete this from the phone' }));
    await user.click(screen.getByRole('button', { name: 'No, keep them' }));
    expect(await db.progress.count()).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Delete this from the phone' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Your scores are deleted from this phone.'));
    expect(await db.progress.count()).toBe(0);
  });
});
