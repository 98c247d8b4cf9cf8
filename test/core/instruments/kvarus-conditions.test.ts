// The KVARUS forms' conditional items, shown and hidden as designed, and every form completable.
import { describe, expect, it } from 'vitest';
import { leafItems, reviewProblems, visibility, type Answers } from '../../../src/core/index.js';
import { answerAll, avslutning, basis, ect, isVisible, malepunkt, oppfolging } from './kvarus-ect-forms.js';

describe('conditions in the KVARUS forms', () => {
  it('asks the days of use only after a yes, and forgets them after a change to no', () => {
    const yes: Answers = { use_alcohol: { value: true }, days_alcohol: { value: 12 } };
    expect(isVisible(basis, yes, 'days_alcohol')).toBe(true);
    expect(visibility(basis, yes).effective).toHaveProperty('days_alcohol');

    const changedToNo: Answers = { ...yes, use_alcohol: { value: false } };
    expect(isVisible(basis, changedToNo, 'days_alcohol')).toBe(false);
    expect(visibility(basis, changedToNo).effective).not.toHaveProperty('days_alcohol');

    expect(isVisible(basis, { use_alcohol: { declined: true } }, 'days_alcohol')).toBe(false);
    expect(isVisible(basis, {}, 'days_alcohol')).toBe(false);
  });

  it('asks which other drugs only when other drugs were used', () => {
    expect(isVisible(basis, { use_other: { value: true } }, 'other_substance')).toBe(true);
    expect(isVisible(basis, { use_other: { value: false } }, 'other_substance')).toBe(false);
  });

  it('shows the overdose note only after one or more overdoses', () => {
    expect(isVisible(basis, { overdoses: { value: 0 } }, 'overdose_note')).toBe(false);
    expect(isVisible(basis, { overdoses: { value: 1 } }, 'overdose_note')).toBe(true);
    expect(isVisible(basis, { overdoses: { declined: true } }, 'overdose_note')).toBe(false);
  });

  it('asks to check an occupation answer that has both "none" and something else', () => {
    expect(isVisible(basis, { occupation: { value: ['none'] } }, 'occupation_check')).toBe(false);
    expect(isVisible(basis, { occupation: { value: ['school'] } }, 'occupation_check')).toBe(false);
    expect(isVisible(basis, { occupation: { value: ['school', 'none'] } }, 'occupation_check')).toBe(true);
  });

  it('requires the days once the patient has said yes', () => {
    const answers: Answers = { ...answerAll(basis, false), use_cannabis: { value: true } };
    expect(reviewProblems(basis, answers).map((p) => [p.item.id, p.problem.code])).toEqual([['days_cannabis', 'required']]);
    expect(reviewProblems(basis, { ...answers, days_cannabis: { value: 31 } }).map((p) => p.problem.code)).toEqual(['aboveMax']);
    expect(reviewProblems(basis, { ...answers, days_cannabis: { value: 30 } })).toEqual([]);
  });

  it.each([
    ['eval_practical', 'eval_needs_practical'],
    ['eval_family', 'eval_wants_family'],
    ['eval_coordination', 'eval_has_other_services'],
  ])('asks %s only when %s is yes, in both forms with the evaluation', (id, gate) => {
    for (const definition of [malepunkt, avslutning]) {
      expect(isVisible(definition, { [gate]: { value: true } }, id)).toBe(true);
      expect(isVisible(definition, { [gate]: { value: false } }, id)).toBe(false);
      expect(isVisible(definition, {}, id)).toBe(false);
    }
  });

  it('asks who else followed up only when "someone else" is chosen, and flags "nobody" with someone', () => {
    expect(isVisible(oppfolging, { followup_by: { value: ['gp', 'other'] } }, 'followup_other')).toBe(true);
    expect(isVisible(oppfolging, { followup_by: { value: ['gp'] } }, 'followup_other')).toBe(false);
    expect(isVisible(oppfolging, { followup_by: { value: ['nobody'] } }, 'followup_check')).toBe(false);
    expect(isVisible(oppfolging, { followup_by: { value: ['nav', 'nobody'] } }, 'followup_check')).toBe(true);
  });

  it.each([basis, malepunkt, avslutning, oppfolging, ect].map((d) => [d.id, d] as const))(
    '%s can be completed on the "no" path and on the "yes" path',
    (_id, definition) => {
      expect(reviewProblems(definition, answerAll(definition, false))).toEqual([]);
      const allYes = answerAll(definition, true);
      expect(reviewProblems(definition, allYes)).toEqual([]);
      for (const leaf of leafItems(definition)) expect(isVisible(definition, allYes, leaf.id), `${leaf.id} is reachable`).toBe(true);
    },
  );
});
