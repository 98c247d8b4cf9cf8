// NorSpis patient-rated outcome: the code is the score, and "not applicable" is no score, never 9.
import { describe, expect, it } from 'vitest';
import { leafItems, optionsOf, type AnswerableItem } from '../../../src/core/index.js';
import { instrument, scoresOf } from './instrument.js';

const norspis = instrument('norspis-outcome-1.json');

describe('NorSpis patient-rated outcome', () => {
  it("has one item with exactly the register's codes", () => {
    const [item, ...rest] = leafItems(norspis);
    expect(rest).toEqual([]);
    expect(item?.kind).toBe('single-choice');
    expect(optionsOf(norspis, item as AnswerableItem).map((o) => [o.code, o.text.en])).toEqual([
      ['1', 'No longer a problem'],
      ['2', 'Clearly better'],
      ['3', 'Somewhat better'],
      ['4', 'Unchanged'],
      ['5', 'Worse'],
      ['9', 'Not applicable'],
    ]);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['4', 4],
    ['5', 5],
  ])('scores code %s as %s', (code, value) => {
    expect(scoresOf(norspis, { outcome: code }).outcome).toEqual({ status: 'score', value });
  });

  it('gives no score for "not applicable", for "prefer not to answer" and for no answer', () => {
    const none = { status: 'noScore', reason: 'tooFewAnswered', answered: 0, required: 1 };
    expect(scoresOf(norspis, { outcome: '9' }).outcome).toEqual(none);
    expect(scoresOf(norspis, { outcome: 'declined' }).outcome).toEqual(none);
    expect(scoresOf(norspis, {}).outcome).toEqual(none);
  });
});
