// Conditions as a patient meets them: a follow-up question that comes and goes with an answer,
// pages skipped (and the page count following), and a support notice the answers call for.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import demo from '../../questionnaires/demo-wellbeing.json';
import { getResponse } from '../../src/device/index.js';
import { definitionOf, parsed, renderResponse, text } from './render.js';

const yesNo = (question: string) => screen.getByRole('group', { name: question });

test('a follow-up question appears when its condition holds and disappears when it no longer does', async () => {
  const { user } = await renderResponse(
    definitionOf([
      {
        id: 'health',
        kind: 'group',
        title: text('Health'),
        items: [
          { id: 'hard', kind: 'yes-no', text: text('Has anything been difficult?') },
          {
            id: 'what',
            kind: 'text',
            required: false,
            text: text('What was it?'),
            visibleWhen: { op: 'equals', item: 'hard', value: true },
          },
        ],
      },
    ]),
  );
  expect(screen.queryByRole('textbox', { name: /What was it\?/ })).not.toBeInTheDocument();
  await user.click(within(yesNo('Has anything been difficult?')).getByRole('radio', { name: 'Yes' }));
  expect(screen.getByRole('textbox', { name: /What was it\?/ })).toBeVisible();
  await user.click(within(yesNo('Has anything been difficult?')).getByRole('radio', { name: 'No' }));
  expect(screen.queryByRole('textbox', { name: /What was it\?/ })).not.toBeInTheDocument();
});

describe('a page whose condition does not hold', () => {
  const definition = definitionOf([
    { id: 'today', kind: 'group', title: text('Today'), items: [{ id: 'pain', kind: 'yes-no', text: text('Are you in pain?') }] },
    {
      id: 'about_pain',
      kind: 'group',
      title: text('About the pain'),
      visibleWhen: { op: 'equals', item: 'pain', value: true },
      items: [{ id: 'how_much', kind: 'scale', min: 0, max: 6, labels: [{ value: 0, text: text('None') }], text: text('How much pain?') }],
    },
    { id: 'last', kind: 'group', title: text('Last'), items: [{ id: 'sleep', kind: 'yes-no', text: text('Did you sleep well?') }] },
  ]);

  test('is skipped by Next, and the page count leaves it out', async () => {
    const { db, response, user } = await renderResponse(definition);
    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    await user.click(within(yesNo('Are you in pain?')).getByRole('radio', { name: 'No' }));
    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Last' })).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
    await waitFor(async () => expect((await getResponse(db, response.id))?.pageIndex).toBe(1));
  });

  test('is shown once its condition holds, and counted', async () => {
    const { user } = await renderResponse(definition);
    await user.click(within(yesNo('Are you in pain?')).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { level: 2, name: 'About the pain' })).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('max', '3');
  });
});

describe('a note shown when the mood is poor or the worry above 3 (any of oneOf and greaterThan)', () => {
  const mood = ['very-good', 'good', 'poor', 'very-poor'].map((code) => ({ code, text: text(code) }));
  const definition = definitionOf([
    {
      id: 'mood',
      kind: 'group',
      title: text('Mood'),
      items: [
        { id: 'mood_overall', kind: 'single-choice', text: text('How have you been?'), options: mood },
        { id: 'worry', kind: 'scale', min: 0, max: 6, labels: [{ value: 0, text: text('Not at all') }], text: text('How much worry?') },
        {
          id: 'support_note',
          kind: 'display',
          text: text('You do not have to face this alone.'),
          visibleWhen: {
            op: 'any',
            conditions: [
              { op: 'oneOf', item: 'mood_overall', values: ['poor', 'very-poor'] },
              { op: 'greaterThan', item: 'worry', value: 3 },
            ],
          },
        },
      ],
    },
  ]);

  test('appears and disappears as either answer changes', async () => {
    const { user } = await renderResponse(definition);
    const note = () => screen.queryByText('You do not have to face this alone.');
    expect(note()).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'good' }));
    await user.click(screen.getByRole('radio', { name: '3' }));
    expect(note()).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '4' }));
    expect(note()).toBeVisible();
    await user.click(screen.getByRole('radio', { name: '2' }));
    expect(note()).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'very-poor' }));
    expect(note()).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'poor' }));
    expect(note()).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'very-good' }));
    expect(note()).not.toBeInTheDocument();
  });
});

test("the demo's support notice: shown at once when the mood is poor or the worry high, with numbers to call, and recorded", async () => {
  const { db, response, user } = await renderResponse(parsed(demo));
  await user.click(screen.getByRole('button', { name: 'Next' }));
  expect(screen.getByRole('heading', { level: 2, name: 'Mood' })).toBeInTheDocument();
  const notice = () => screen.queryByRole('heading', { name: 'You do not have to face this alone' });

  await user.click(screen.getByRole('radio', { name: 'Good' }));
  await user.click(screen.getByRole('radio', { name: '3' }));
  expect(notice()).not.toBeInTheDocument();

  await user.click(screen.getByRole('radio', { name: 'Poor' }));
  expect(notice()).toBeVisible();
  expect(screen.getByRole('link', { name: 'Emergency, call 113: 113' })).toHaveAttribute('href', 'tel:113');
  expect(screen.getByRole('link', { name: 'Out-of-hours emergency service: 116 117' })).toHaveAttribute('href', 'tel:116117');
  await waitFor(async () => expect((await getResponse(db, response.id))?.noticesShown).toEqual(['hard_time']));

  await user.click(screen.getByRole('radio', { name: 'Mixed' }));
  expect(notice()).not.toBeInTheDocument();
  await user.click(screen.getByRole('radio', { name: /^4/ }));
  expect(notice()).toBeVisible();
});
