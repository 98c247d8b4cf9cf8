// Reading a plan: the shipped plans pass; each kind of mistake an author makes is named, at its path.
import { describe, expect, test } from 'vitest';
import { edited } from '../fixtures.js';
import { minimalPlan, names, planJson, planOf, planProblems, shippedPlan } from './plan-fixtures.js';

describe('the shipped plans', () => {
  test.each(['norspis', 'kvarus', 'ect'])('%s is valid', (id) => {
    expect(planProblems(planJson(id))).toEqual([]);
    expect(shippedPlan(id).id).toBe(id);
  });

  test('ask the questionnaires the registers describe, at the time points they name', () => {
    const asked = (id: string) => Object.fromEntries(shippedPlan(id).timePoints.map((t) => [t.id, t.questionnaires]));
    expect(asked('norspis')).toEqual({
      start: ['ede-q@6.0.1', 'cia@3.0.1'],
      slutt: ['ede-q@6.0.1', 'cia@3.0.1', 'norspis-outcome@1'],
    });
    expect(asked('kvarus')).toEqual({
      basis: ['kvarus-basis@2'],
      malepunkt: ['kvarus-malepunkt@2'],
      avslutning: ['kvarus-avslutning@2'],
      'oppfolging-12m': ['kvarus-oppfolging@2'],
    });
    expect(asked('ect')).toEqual({
      'for-serie': ['ect-madrs-s@2'],
      'etter-serie': ['ect-madrs-s@2', 'ect-oppfolging@1'],
      'oppfolging-6m': ['ect-madrs-s@2', 'ect-oppfolging@1'],
    });
  });

  test('KVARUS lets the unit set the interval between measurement points, 6 weeks by default, and says why', () => {
    const kvarus = shippedPlan('kvarus');
    expect(kvarus.settings?.find((s) => s.id === 'interval')).toMatchObject({
      default: { weeks: 6 },
      min: { weeks: 5 },
      max: { weeks: 26 },
    });
    expect(kvarus.timePoints.find((t) => t.id === 'malepunkt')?.repeat).toEqual({ every: { setting: 'interval' }, until: 'discharged' });
    expect(kvarus.notes?.join(' ')).toMatch(/interval.*6 weeks/);
  });
});

describe('a plan with a mistake in a reference', () => {
  test('names an unknown questionnaire, with the closest shipped one', () => {
    expect(planProblems(minimalPlan({ questionnaires: ['demo-wellbeing@2'] }))).toEqual([
      {
        path: '$.timePoints[0].questionnaires[0]',
        message: 'there is no questionnaire demo-wellbeing@2 in questionnaires/',
        hint: 'did you mean "demo-wellbeing@1"?',
      },
    ]);
    expect(planProblems(minimalPlan({ questionnaires: ['demo-wellbeing'] }))).toEqual([
      { path: '$.timePoints[0].questionnaires[0]', message: 'a questionnaire is named id@version, e.g. "ede-q@6.0"' },
    ]);
  });

  test('names an unknown event, as an anchor and as the end of repeats', () => {
    expect(planProblems(minimalPlan({ anchor: 'endd' }))).toEqual([
      {
        path: '$.timePoints[0].anchor',
        message: 'unknown anchor "endd": use "enrolment" or an event in "events"',
        hint: 'did you mean "ended"?',
      },
    ]);
    expect(planProblems(minimalPlan({ repeat: { every: { weeks: 2 }, until: 'discharged' } }))).toEqual([
      { path: '$.timePoints[0].repeat.until', message: 'unknown event "discharged": repeats end at an event in "events"' },
    ]);
    expect(planProblems(minimalPlan({ repeat: { every: { weeks: 2 }, until: 'enrolment' } }))[0]?.path).toBe(
      '$.timePoints[0].repeat.until',
    );
  });
});

describe('a plan with a mistake in a span', () => {
  test('names a bad offset: negative, empty, misspelt, or a setting the plan does not have', () => {
    expect(planProblems(minimalPlan({ offset: { days: -1 } }))).toEqual([
      { path: '$.timePoints[0].offset.days', message: 'must be at least 0' },
    ]);
    expect(planProblems(minimalPlan({ offset: {} }))).toEqual([
      { path: '$.timePoints[0].offset', message: 'a span names at least one of "months", "weeks" and "days", e.g. {"weeks": 6}' },
    ]);
    expect(planProblems(minimalPlan({ offset: { month: 12 } }))).toContainEqual({
      path: '$.timePoints[0].offset',
      message: 'unknown field "month": check its spelling, or remove it',
      hint: 'did you mean "months"?',
    });
    expect(planProblems(minimalPlan({ offset: { days: 1.5 } }))).toEqual([
      { path: '$.timePoints[0].offset.days', message: 'expected a whole number, found number 1.5' },
    ]);
    expect(planProblems(minimalPlan({ offset: { setting: 'intervall' } }))).toEqual([
      {
        path: '$.timePoints[0].offset.setting',
        message: 'there is no setting "intervall" in "settings"',
        hint: 'declare it in "settings"',
      },
    ]);
  });

  test("names windows of one time point's repeats that would overlap, for any start date", () => {
    expect(planProblems(minimalPlan({ repeat: { every: { days: 6 }, until: 'ended' } }))).toEqual([
      {
        path: '$.timePoints[0].repeat.every',
        message:
          'the repeats can come 6 days apart, but a window can last 7 days: two windows of this time point would overlap. Repeat less often, or make the window shorter',
      },
    ]);
    expect(planProblems(minimalPlan({ repeat: { every: { weeks: 1 }, until: 'ended' } }))).toEqual([]);
    // A month can be 28 days; a window of a month can last 31 (+1 for its last day).
    const monthly = { window: { closesAfter: { days: 27 } }, repeat: { every: { months: 1 }, until: 'ended' } };
    expect(planProblems(minimalPlan(monthly))).toEqual([]);
    expect(planProblems(minimalPlan({ ...monthly, window: { closesAfter: { days: 28 } } }))[0]?.path).toBe('$.timePoints[0].repeat.every');
  });

  test('names overlaps a setting allows, by its range rather than its default', () => {
    const settings = [{ id: 'interval', name: names, default: { weeks: 6 }, min: { days: 6 }, max: { weeks: 26 } }];
    const repeating = { repeat: { every: { setting: 'interval' }, until: 'ended' } };
    expect(planProblems(minimalPlan(repeating, { settings }))[0]?.message).toMatch(
      /^the repeats can come 6 days apart, but a window can last 7 days/,
    );
    expect(planProblems(minimalPlan(repeating, { settings: [{ ...settings[0], min: { weeks: 1 } }] }))).toEqual([]);
  });
});

describe('a plan with another mistake', () => {
  test('names duplicate ids of time points, events and settings', () => {
    const plan = minimalPlan(
      {},
      {
        events: [
          { id: 'ended', name: names },
          { id: 'ended', name: names },
        ],
      },
    );
    const timePoints = (plan.timePoints as unknown[]).concat(plan.timePoints as unknown[]);
    expect(planProblems({ ...plan, timePoints })).toEqual([
      { path: '$.timePoints[1].id', message: 'there is already a time point "point" (entry 1): ids must be unique' },
      { path: '$.events[1].id', message: 'there is already an event "ended" (entry 1): ids must be unique' },
    ]);
  });

  test('names a setting whose default is outside its range', () => {
    const settings = [{ id: 'interval', name: names, default: { weeks: 1 }, min: { weeks: 2 }, max: { weeks: 26 } }];
    expect(planProblems(minimalPlan({}, { settings }))).toEqual([
      { path: '$.settings[0].default', message: 'the default, 1 week, is not between "min" (2 weeks) and "max" (26 weeks)' },
    ]);
  });

  test('names reminders that come too late, on the opening day, or out of order', () => {
    expect(planProblems(minimalPlan({ reminders: [{ days: 7 }] }))).toEqual([
      {
        path: '$.timePoints[0].reminders[0]',
        message: 'this reminder can come 7 days after the window opens, but the window can close after 7 days: it would come too late',
      },
    ]);
    expect(planProblems(minimalPlan({ reminders: [{ days: 6 }] }))).toEqual([]);
    expect(planProblems(minimalPlan({ reminders: [{ days: 0 }] }))[0]?.message).toBe(
      'a reminder comes at least one day after the window opens',
    );
    expect(planProblems(minimalPlan({ reminders: [{ days: 4 }, { days: 2 }] }))).toEqual([
      { path: '$.timePoints[0].reminders[1]', message: 'reminders are listed in order, each later than the one before' },
    ]);
  });
});

describe('a plan with a mistake in a name', () => {
  test('names an event called "enrolment", repeats ended by their own anchor, and texts missing in a language', () => {
    expect(planProblems(minimalPlan({}, { events: [{ id: 'enrolment', name: names }] }))[0]).toEqual({
      path: '$.events[0].id',
      message: '"enrolment" is every plan\'s own anchor: name the event something else',
    });
    expect(planProblems(minimalPlan({ anchor: 'ended', repeat: { every: { weeks: 2 }, until: 'ended' } }))).toEqual([
      { path: '$.timePoints[0].repeat.until', message: 'the repeats end at "ended", the event they start from: they would never be asked' },
    ]);
    expect(planProblems(minimalPlan({ name: { nb: 'Namn', en: 'Name' } }))).toEqual([
      { path: '$.timePoints[0].name.nn', message: 'the text in "nn" is missing' },
    ]);
  });

  test("names misspelt fields with the plan format's own names", () => {
    expect(planProblems(edited(planJson('ect'), { set: ['timePoints', 0, 'reminder'], to: [] }))).toEqual([
      { path: '$.timePoints[0]', message: 'unknown field "reminder": check its spelling, or remove it', hint: 'did you mean "reminders"?' },
    ]);
    expect(planProblems(edited(planJson('ect'), { set: ['timePoint'], to: [] }))).toContainEqual({
      path: '$',
      message: 'unknown field "timePoint": check its spelling, or remove it',
      hint: 'did you mean "timePoints"?',
    });
  });

  test('accepts a repeat ended by an event, and settings in every kind of span', () => {
    const settings = [{ id: 'span', name: names, default: { days: 2 }, min: { days: 2 }, max: { days: 3 } }];
    const plan = planOf(
      minimalPlan(
        {
          offset: { setting: 'span' },
          window: { opensBefore: { setting: 'span' }, closesAfter: { setting: 'span' } },
          repeat: { every: { weeks: 2 }, until: 'ended' },
          reminders: [{ setting: 'span' }],
        },
        { settings },
      ),
    );
    expect(plan.timePoints[0]?.repeat?.until).toBe('ended');
  });
});
