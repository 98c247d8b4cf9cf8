// The indicators screen against a fake register answer (the register's computation is tested in
// test/server/indicators.test.ts): a suppressed group shows no figures, coverage under 60% is marked
// in words, shares and intervals are written in the console's language, the titles come from the
// indicator files in that language, and the downloads ask for the same query as the screen.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test, vi } from 'vitest';
import { StaffApiError, type StaffApi } from '../../../src/app/staff/api.js';
import type { SessionInfo } from '../../../src/app/staff/contract-shapes.js';
import { StaffConsole } from '../../../src/app/staff/StaffConsole.js';
import { createStaffI18n } from '../../../src/app/staff/staff-i18n.js';
import type { IndicatorsResponse } from '../../../src/core/index.js';
import { registerStaff } from './console-fixture.js';

const group = (unit: string | null, figures: Partial<IndicatorsResponse['indicators'][number]['groups'][number]>) => ({
  unit,
  period: '2026-Q2',
  isSuppressed: false,
  eligible: null,
  denominator: null,
  numerator: null,
  rate: null,
  interval: null,
  coverage: null,
  isLowCoverage: false,
  ...figures,
});

const answer: IndicatorsResponse = {
  period: 'quarter',
  indicators: [
    {
      id: 'cia_improved',
      register: 'norspis',
      plan: 'norspis',
      title: { nb: 'Bedring i CIA totalskår', nn: 'Betring i CIA totalskår', en: 'Improvement in the CIA total score' },
      description: { nb: 'Andel pasienter med CIA …', nn: 'Del av pasientane med CIA …', en: 'Share of patients with CIA …' },
      groups: [
        group('Unit A', { eligible: 6, denominator: 5, numerator: 3, rate: 0.6, interval: { low: 0.2307, high: 0.8824 }, coverage: 5 / 6 }),
        group('Unit B', { isSuppressed: true }),
        group('Unit C', {
          eligible: 10,
          denominator: 5,
          numerator: 2,
          rate: 0.4166,
          interval: { low: 0.118, high: 0.7699 },
          coverage: 0.5,
          isLowCoverage: true,
        }),
        group(null, { eligible: 20, denominator: 13, numerator: 7, rate: 0.5385, interval: { low: 0.2914, high: 0.7679 }, coverage: 0.65 }),
      ],
    },
    {
      id: 'benefit_first_point',
      register: 'kvarus',
      plan: 'kvarus',
      title: { nb: 'Nytte', en: 'Benefit' },
      description: { nb: 'Nytte.' },
      groups: [],
    },
  ],
};

interface Asked {
  path: string;
  query: Record<string, string | undefined> | undefined;
}

/** A register that answers the indicators with `indicators` and refuses everything else (plans, alerts). */
function fakeApi(indicators: IndicatorsResponse | Error = answer): StaffApi & { asked: Asked[]; downloaded: Asked[] } {
  const asked: Asked[] = [];
  const downloaded: Asked[] = [];
  return {
    asked,
    downloaded,
    async get(path, schema, query) {
      if (path !== '/api/indicators.json') throw new StaffApiError(404, 'notFound');
      asked.push({ path, query });
      if (indicators instanceof Error) throw indicators;
      return schema.parse(indicators);
    },
    async post() {
      throw new StaffApiError(404, 'notFound');
    },
    async download(path, query) {
      downloaded.push({ path, query });
      return new Blob(['register,indicator\r\n']);
    },
    setCsrfToken: () => undefined,
    setOnSignedOut: () => undefined,
  };
}

function renderIndicators(api: StaffApi, language: 'nb' | 'nn' | 'en' = 'en', session: SessionInfo = registerStaff) {
  window.location.hash = '#/indicators';
  const user = userEvent.setup();
  return { user, ...render(<StaffConsole api={api} i18n={createStaffI18n(language)} initialSession={session} />) };
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

afterEach(() => vi.unstubAllGlobals());

test('per indicator its title, a table with the figures, a suppressed group without them, low coverage marked, and the drawing hidden', async () => {
  renderIndicators(fakeApi());
  expect(await screen.findByRole('heading', { level: 1, name: 'Quality indicators' })).toHaveFocus();
  expect(await screen.findByRole('heading', { level: 3, name: 'Improvement in the CIA total score' })).toBeInTheDocument();
  expect(screen.getByText('Share of patients with CIA …')).toBeInTheDocument();
  const table = screen.getByRole('table', { name: 'Improvement in the CIA total score: per unit and period' });
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent),
  ).toEqual(['Unit', 'Period', 'Numerator', 'Denominator', 'Share', '95% interval', 'Coverage']);
  expect(within(table).getByRole('rowheader', { name: 'Unit A' })).toBeInTheDocument();
  expect(rowsOf(table)).toEqual([
    ['Unit A', '2026-Q2', '3', '5', '0.60', '0.23 to 0.88', '83%'],
    ['Unit B', '2026-Q2', 'suppressed (fewer than 5)'],
    ['Unit C', '2026-Q2', '2', '5', '0.42', '0.12 to 0.77', '50%, low coverage (under 60%)'],
    ['All units together', '2026-Q2', '7', '13', '0.54', '0.29 to 0.77', '65%'],
  ]);
  // A register with no patients in the period for an indicator shows no empty table for it.
  expect(screen.queryByRole('heading', { name: 'Benefit' })).toBeNull();
  const figure = screen.getByRole('figure', { name: /Improvement in the CIA total score: the share with its 95% interval/ });
  const drawing = figure.querySelector('svg');
  expect(drawing).toHaveAttribute('aria-hidden', 'true');
  // The drawing shows the table's figures: the suppressed group's share is not drawn.
  expect(drawing?.querySelectorAll('rect.chart-bar')).toHaveLength(3);
  expect(drawing?.textContent).toContain('Unit B · 2026-Q2suppressed');
});

test('in bokmål the shares and intervals are written with a decimal comma, titles from the file in bokmål', async () => {
  renderIndicators(fakeApi(), 'nb');
  const table = await screen.findByRole('table', { name: 'Bedring i CIA totalskår: per enhet og periode' });
  const [unitA, unitB, unitC] = rowsOf(table);
  expect(unitA?.slice(4)).toEqual(['0,60', '0,23 til 0,88', '83\u00a0%']);
  expect(unitB).toEqual(['Unit B', '2026-Q2', 'skjult (færre enn 5)']);
  expect(unitC?.[6]).toBe('50\u00a0%, lav dekningsgrad (under 60 %)');
});

test('the period and unit chosen are the query, for the screen and for the CSV and JSON downloads', async () => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:indicators', revokeObjectURL: () => {} }));
  const api = fakeApi();
  const { user } = renderIndicators(api);
  await screen.findByRole('table');
  expect(api.asked.at(-1)?.query).toMatchObject({ period: 'quarter', from: undefined, to: undefined, unit: undefined });

  await user.selectOptions(screen.getByLabelText('Periods of'), 'year');
  await user.type(screen.getByLabelText('From period'), '2025');
  await user.type(screen.getByLabelText('To period'), '2026');
  await user.selectOptions(screen.getByLabelText('Unit'), 'Unit C');
  await vi.waitFor(() => expect(api.asked.at(-1)?.query).toMatchObject({ period: 'year', from: '2025', to: '2026', unit: 'Unit C' }));

  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The indicators indicators-year.csv are downloaded.');
  await user.click(screen.getByRole('button', { name: 'Download JSON' }));
  expect(api.downloaded).toEqual([
    { path: '/api/indicators.csv', query: api.asked.at(-1)?.query },
    { path: '/api/indicators.json', query: api.asked.at(-1)?.query },
  ]);
});

test('a period written wrongly is said so and not asked for; changing the cut clears the bounds', async () => {
  const api = fakeApi();
  const { user } = renderIndicators(api);
  await screen.findByRole('table');
  const from = screen.getByLabelText('From period');
  await user.type(from, '2026-5');
  expect(from).toHaveAccessibleDescription(expect.stringContaining('Write the period as 2026-Q1.'));
  expect(from).toHaveAttribute('aria-invalid', 'true');
  expect(api.asked.every((asked) => asked.query?.from === undefined)).toBe(true);
  await user.selectOptions(screen.getByLabelText('Periods of'), 'month');
  expect(from).toHaveValue('');
  expect(from).not.toHaveAttribute('aria-invalid');
});

test('a clinician chooses among their own units', async () => {
  const clinician: SessionInfo = {
    ...registerStaff,
    account: { ...registerStaff.account, roles: ['clinician'], units: ['Unit C', 'Unit A'] },
  };
  renderIndicators(fakeApi(), 'en', clinician);
  await screen.findByRole('table');
  const options = within(screen.getByLabelText('Unit')).getAllByRole('option');
  expect(options.map((option) => option.textContent)).toEqual(['All your units', 'Unit A', 'Unit C']);
  expect(screen.getByRole('link', { name: 'Indicators' })).toHaveAttribute('aria-current', 'page');
});

test('no patients in the period, and a register that refuses, are said so', async () => {
  const { unmount } = renderIndicators(fakeApi({ period: 'quarter', indicators: [] }));
  expect(await screen.findByText('No patients in this period.')).toBeInTheDocument();
  expect(screen.queryByRole('table')).toBeNull();
  unmount();
  renderIndicators(fakeApi(new StaffApiError(403, 'forbidden')));
  expect(await screen.findByRole('alert')).toHaveTextContent(/./);
  expect(screen.queryByText('No patients in this period.')).toBeNull();
});

test('in nynorsk the titles come from the file in nynorsk; an administrator alone has no indicators in the menu', async () => {
  const { unmount } = renderIndicators(fakeApi(), 'nn');
  expect(await screen.findByRole('table', { name: 'Betring i CIA totalskår: per eining og periode' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Indikatorar' })).toHaveAttribute('href', '#/indicators');
  unmount();
  const admin: SessionInfo = { ...registerStaff, account: { ...registerStaff.account, roles: ['admin'] } };
  renderIndicators(fakeApi(), 'en', admin);
  await screen.findByRole('heading', { level: 1, name: 'Quality indicators' });
  expect(screen.queryByRole('link', { name: 'Indicators' })).toBeNull();
});
