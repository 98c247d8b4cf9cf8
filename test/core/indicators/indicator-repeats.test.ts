// An indicator cannot count an answer to an item of a repeating group (issue 18): it has an answer per
// entry (`meds.1.form`), none under its id, so check refuses the reference instead of the indicator
// quietly counting no one.
import { expect, test } from 'vitest';
import { checkIndicatorIntegrity } from '../../../src/core/indicators/indicator-integrity.js';
import type { IndicatorFile } from '../../../src/core/indicators/indicator.js';
import type { Plan } from '../../../src/core/plans/plan.js';
import { accepted, fixtureJson } from '../fixtures.js';

const medicines = accepted(fixtureJson('accepted/medicines.json'));
const text = { nb: 'Tekst', nn: 'Tekst', en: 'Text' };
const plan = { id: 'meds-plan', timePoints: [{ id: 'start', questionnaires: ['medicines@1'] }] } as unknown as Plan;

const fileMeasuring = (item: string, codes: string[]) =>
  ({
    register: 'test',
    indicators: [
      {
        id: 'measured',
        title: text,
        description: text,
        plan: 'meds-plan',
        measure: { kind: 'answerIn', questionnaire: 'medicines', item, at: { timePoint: 'start' }, codes },
      },
    ],
  }) as unknown as IndicatorFile;

const check = (file: IndicatorFile) =>
  checkIndicatorIntegrity(file, { plans: new Map([['meds-plan', plan]]), definitions: new Map([['medicines', [medicines]]]) });

test('an item of a repeating group is refused, naming the group', () => {
  expect(check(fileMeasuring('form', ['tablet']))).toEqual([
    {
      path: ['indicators', 0, 'measure', 'item'],
      message:
        'the item "form" of medicines@1 is asked once per entry of the repeating group "meds", so an indicator cannot count its answer',
    },
  ]);
});

test('an item outside the group is counted as before', () => {
  expect(check(fileMeasuring('takes', []))).toEqual([]);
});
