// The unscored register forms: the four KVARUS patient forms and the ECT patient follow-up. They
// must parse, share their status items across the four KVARUS registrations so the register can
// compare answers over time, and show or hide their conditional items as designed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeScores,
  isAnswerable,
  leafItems,
  optionsOf,
  pagesOf,
  parseDefinition,
  reviewProblems,
  visibility,
  type AnswerableItem,
  type Answers,
  type AnswerValue,
  type Definition,
  type LeafItem,
} from '../../../src/core/index.js';

function load(file: string): Definition {
  const json = JSON.parse(readFileSync(new URL(`../../../questionnaires/${file}`, import.meta.url), 'utf8')) as unknown;
  const result = parseDefinition(json);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error(`${file} is not a valid definition`);
  return result.definition;
}

const kvarusFiles = {
  'kvarus-basis': 'kvarus-basis-1.json',
  'kvarus-malepunkt': 'kvarus-malepunkt-1.json',
  'kvarus-avslutning': 'kvarus-avslutning-1.json',
  'kvarus-oppfolging': 'kvarus-oppfolging-1.json',
} as const;
const allFiles = { ...kvarusFiles, 'ect-oppfolging': 'ect-oppfolging-1.json' } as const;

const basis = load(kvarusFiles['kvarus-basis']);
const malepunkt = load(kvarusFiles['kvarus-malepunkt']);
const avslutning = load(kvarusFiles['kvarus-avslutning']);
const oppfolging = load(kvarusFiles['kvarus-oppfolging']);
const kvarus = [basis, malepunkt, avslutning, oppfolging];
const ect = load(allFiles['ect-oppfolging']);

const substances = ['alcohol', 'cannabis', 'opioids', 'sedatives', 'stimulants', 'other'] as const;

/** The status (outcome) items every KVARUS registration asks, in order. */
const statusItemIds = [
  ...substances.flatMap((s) => [`use_${s}`, `days_${s}`]),
  'other_substance',
  'injected',
  'overdoses',
  'overdose_note',
  'substance_problem',
  'housing',
  'occupation',
  'occupation_check',
  'income',
  'physical_health',
  'mental_health',
  'quality_of_life',
];
const statusPageIds = ['substances_1', 'substances_2', 'use_more', 'living', 'health'];

const evaluationScaleIds = [
  'eval_listened',
  'eval_respect',
  'eval_trust',
  'eval_decisions',
  'eval_substance_help',
  'eval_mental_help',
  'eval_practical',
  'eval_information',
  'eval_availability',
  'eval_family',
  'eval_coordination',
  'eval_benefit',
  'eval_satisfaction',
  'eval_recommend',
];
const evaluationPageIds = ['evaluation_meeting', 'evaluation_help', 'evaluation_cooperation', 'evaluation_overall'];

function item(definition: Definition, id: string): LeafItem {
  const found = leafItems(definition).find((i) => i.id === id);
  if (!found) throw new Error(`${definition.id} has no item ${id}`);
  return found;
}

function answerable(definition: Definition, id: string): AnswerableItem {
  const found = item(definition, id);
  if (!isAnswerable(found)) throw new Error(`${id} is a display item`);
  return found;
}

function codesOf(definition: Definition, id: string): string[] {
  return optionsOf(definition, answerable(definition, id)).map((o) => o.code);
}

/** What the register stores and compares for an item: everything but its wording. */
function shapeOf(definition: Definition, leaf: LeafItem) {
  const { text: _text, help: _help, ...rest } = leaf as LeafItem & { help?: unknown };
  const shape: Record<string, unknown> = { ...rest };
  if ('unit' in shape) delete shape.unit;
  if ('labels' in shape) shape.labels = (leaf as { labels: { value: number }[] }).labels.map((l) => l.value);
  if (isAnswerable(leaf) && (leaf.kind === 'single-choice' || leaf.kind === 'multiple-choice')) {
    delete shape.optionSet;
    delete shape.options;
    shape.codes = optionsOf(definition, leaf).map((o) => o.code);
  }
  return shape;
}

const isVisible = (definition: Definition, answers: Answers, id: string) => visibility(definition, answers).visible.has(id);

/**
 * Answers every visible item in order with a chosen value or a valid one, so that a whole path
 * through a form can be walked. On the "yes" path yes-no items are yes, multiple choices take every
 * option and numbers their maximum; on the "no" path, no, the first option and the maximum.
 */
function answerAll(definition: Definition, yes: boolean, chosen: Record<string, AnswerValue> = {}): Answers {
  const answers: Answers = {};
  for (const leaf of leafItems(definition)) {
    if (!isAnswerable(leaf) || !isVisible(definition, answers, leaf.id)) continue;
    if (Object.hasOwn(chosen, leaf.id)) {
      answers[leaf.id] = { value: chosen[leaf.id] as AnswerValue };
      continue;
    }
    switch (leaf.kind) {
      case 'yes-no':
        answers[leaf.id] = { value: yes };
        break;
      case 'single-choice':
        answers[leaf.id] = { value: codesOf(definition, leaf.id)[0] as string };
        break;
      case 'multiple-choice':
        answers[leaf.id] = { value: yes ? codesOf(definition, leaf.id) : [codesOf(definition, leaf.id)[0] as string] };
        break;
      case 'scale':
      case 'integer':
      case 'decimal':
        answers[leaf.id] = { value: leaf.max ?? leaf.min ?? 0 };
        break;
      case 'date':
        answers[leaf.id] = { value: '2025-01-01' };
        break;
      default:
        answers[leaf.id] = { value: 'Et svar' };
    }
  }
  return answers;
}

describe('every form parses', () => {
  it.each(Object.entries(allFiles))('%s parses as version 1 in nb, nn and en', (id, file) => {
    const definition = load(file);
    expect(definition.id).toBe(id);
    expect(definition.version).toBe('1');
    expect(definition.languages).toEqual(['nb', 'nn', 'en']);
    expect(definition.license).toBe(
      "Wording written by the project after the register's published descriptions; not the register's official form. " +
        'A register publishing this uses its official wording in a new version.',
    );
    expect(definition.source.note).toBeTruthy();
  });

  it('names the register in the citation', () => {
    for (const definition of kvarus)
      expect(definition.source.citation).toContain('KVARUS – Nasjonalt kvalitetsregister for behandling av skadelig rusmiddelbruk');
    expect(ect.source.citation).toContain('Norsk kvalitetsregister for elektrokonvulsiv behandling');
  });

  it('keeps pages short enough for a phone', () => {
    for (const definition of [...kvarus, ect])
      for (const page of pagesOf(definition)) {
        expect(page.group, `${definition.id}: ${page.id} is a page of its own`).toBeDefined();
        expect(page.items.length, `${definition.id}: ${page.id}`).toBeLessThanOrEqual(7);
      }
  });

  it('has the pages of each registration in order', () => {
    const pageIds = (definition: Definition) => pagesOf(definition).map((page) => page.id);
    expect(pageIds(basis)).toEqual([...statusPageIds, 'goals']);
    expect(pageIds(malepunkt)).toEqual([...statusPageIds, ...evaluationPageIds]);
    expect(pageIds(avslutning)).toEqual([...statusPageIds, ...evaluationPageIds]);
    expect(pageIds(oppfolging)).toEqual([...statusPageIds, 'followup']);
    expect(pageIds(ect)).toEqual(['ect_result', 'ect_experience_page']);
  });
});

describe('the KVARUS status items are the same at every registration', () => {
  it('asks the status items in the same order on the same pages', () => {
    for (const definition of kvarus) {
      const statusPages = pagesOf(definition).slice(0, statusPageIds.length);
      expect(statusPages.flatMap((page) => page.items.map((i) => i.id))).toEqual(statusItemIds);
    }
  });

  it.each(statusItemIds)('%s has the same kind, range, conditions and option codes in all four forms', (id) => {
    const [first, ...rest] = kvarus.map((definition) => shapeOf(definition, item(definition, id)));
    for (const other of rest) expect(other).toEqual(first);
  });

  it.each(statusItemIds)('%s has the same wording in all four forms (fixed 30-day window or "now")', (id) => {
    const [first, ...rest] = kvarus.map((definition) => item(definition, id));
    for (const other of rest) {
      expect(other.text).toEqual(first?.text);
      expect(other.help).toEqual(first?.help);
    }
  });

  it('defines each shared option set with the same codes wherever it appears', () => {
    const byId = new Map<string, string[]>();
    for (const definition of kvarus)
      for (const [id, options] of Object.entries(definition.optionSets ?? {})) {
        const codes = options.map((o) => o.code);
        const seen = byId.get(id);
        if (seen) expect(codes, `option set ${id} in ${definition.id}`).toEqual(seen);
        else byId.set(id, codes);
      }
    expect([...byId.keys()].sort()).toEqual(['followup', 'goals', 'health5', 'housing', 'income', 'occupation', 'problem5']);
  });

  it('counts days of use per substance group from 1 to 30, asked only after a yes', () => {
    for (const substance of substances) {
      const use = answerable(basis, `use_${substance}`);
      const days = answerable(basis, `days_${substance}`);
      expect(use).toMatchObject({ kind: 'yes-no', preferNotToAnswer: true });
      expect(days).toMatchObject({ kind: 'integer', min: 1, max: 30 });
      expect(days.visibleWhen).toEqual({ op: 'equals', item: `use_${substance}`, value: true });
    }
  });

  it('has the option codes the register stores', () => {
    expect(codesOf(basis, 'housing')).toEqual(['own-home', 'family-friends', 'institution', 'temporary', 'homeless', 'other']);
    expect(codesOf(basis, 'occupation')).toEqual([
      'work-full',
      'work-part',
      'work-scheme',
      'school',
      'volunteer',
      'caring',
      'other',
      'none',
    ]);
    expect(codesOf(basis, 'income')).toEqual([
      'work',
      'sick-pay-aap',
      'disability',
      'social-assistance',
      'student',
      'pension',
      'none',
      'other',
    ]);
    expect(codesOf(basis, 'physical_health')).toEqual(['very-good', 'good', 'fair', 'poor', 'very-poor']);
    expect(codesOf(basis, 'mental_health')).toEqual(['very-good', 'good', 'fair', 'poor', 'very-poor']);
    expect(codesOf(basis, 'substance_problem')).toEqual(['none', 'small', 'moderate', 'big', 'very-big']);
    expect(answerable(basis, 'quality_of_life')).toMatchObject({ kind: 'scale', min: 0, max: 10 });
    expect((answerable(basis, 'quality_of_life') as { labels: { value: number }[] }).labels.map((l) => l.value)).toEqual([0, 10]);
  });

  it('lets the patient decline the sensitive items, but never silently skip them', () => {
    for (const id of ['injected', 'overdoses', 'income', ...substances.map((s) => `use_${s}`)]) {
      const sensitive = answerable(basis, id);
      expect(sensitive.preferNotToAnswer, id).toBe(true);
      expect(sensitive.required ?? true, id).toBe(true);
    }
    const declined: Answers = { ...answerAll(basis, false), injected: { declined: true }, income: { declined: true } };
    expect(reviewProblems(basis, declined)).toEqual([]);
    const declinedHealth: Answers = { ...answerAll(basis, false), physical_health: { declined: true } };
    expect(reviewProblems(basis, declinedHealth).map((p) => [p.item.id, p.problem.code])).toEqual([
      ['physical_health', 'declineNotOffered'],
    ]);
  });
});

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

describe('the treatment evaluation', () => {
  it.each([
    ['kvarus-malepunkt', malepunkt],
    ['kvarus-avslutning', avslutning],
  ] as const)('%s has the 14 evaluation items on a 1–5 scale with every step labelled', (_id, definition) => {
    const scales = leafItems(definition).filter((l) => l.id.startsWith('eval_') && l.kind === 'scale');
    expect(scales.map((s) => s.id)).toEqual(evaluationScaleIds);
    for (const scale of scales) {
      expect(scale).toMatchObject({ kind: 'scale', min: 1, max: 5 });
      expect((scale as { labels: { value: number }[] }).labels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    }
    expect(item(definition, 'eval_benefit').text.en).toMatch(/use to you/);
  });

  it('labels the five steps the same on every item, so 4–5 means "to a great extent" everywhere', () => {
    const labels = leafItems(malepunkt)
      .filter((l) => evaluationScaleIds.includes(l.id))
      .map((l) => JSON.stringify((l as { labels: unknown }).labels));
    expect(new Set(labels).size).toBe(1);
    const benefit = answerable(malepunkt, 'eval_benefit') as { labels: { value: number; text: Record<string, string> }[] };
    expect(benefit.labels.filter((l) => l.value >= 4).map((l) => l.text.en)).toEqual(['To a great extent', 'To a very great extent']);
  });

  it('is the same in the measurement point and at discharge', () => {
    const evaluation = (definition: Definition) =>
      pagesOf(definition)
        .filter((page) => page.id.startsWith('evaluation_'))
        .map((page) => ({ page: page.id, items: page.items.map((i) => ({ shape: shapeOf(definition, i), text: i.text })) }));
    expect(evaluation(avslutning)).toEqual(evaluation(malepunkt));
  });

  it.each([
    ['kvarus-malepunkt', malepunkt],
    ['kvarus-avslutning', avslutning],
  ] as const)('%s flags "great benefit" when the benefit is 4 or 5, and gives no score without an answer', (_id, definition) => {
    const benefit = (value: number) => computeScores(definition, { eval_benefit: { value } }).benefit;
    expect(benefit(5)).toEqual({ status: 'score', value: 5, flags: { great_benefit: true } });
    expect(benefit(4)).toEqual({ status: 'score', value: 4, flags: { great_benefit: true } });
    expect(benefit(3)).toEqual({ status: 'score', value: 3, flags: { great_benefit: false } });
    expect(benefit(1)).toEqual({ status: 'score', value: 1, flags: { great_benefit: false } });
    expect(computeScores(definition, {}).benefit).toMatchObject({ status: 'noScore', reason: 'tooFewAnswered' });
    expect(definition.scores?.map((score) => score.showToPatient ?? false)).toEqual([false]);
  });

  it('is asked neither at intake nor at the one-year follow-up', () => {
    for (const definition of [basis, oppfolging]) expect(leafItems(definition).filter((l) => l.id.startsWith('eval_'))).toEqual([]);
  });
});

describe('the goals at intake and the one-year follow-up', () => {
  it('asks what the patient wants from treatment only at intake', () => {
    expect(answerable(basis, 'treatment_goals').kind).toBe('multiple-choice');
    expect(codesOf(basis, 'treatment_goals')).toContain('stop');
    expect(codesOf(basis, 'treatment_goals')).toContain('reduce');
    expect(answerable(basis, 'goals_text')).toMatchObject({ kind: 'long-text', required: false });
    for (const definition of [malepunkt, avslutning, oppfolging])
      expect(leafItems(definition).some((l) => l.id === 'treatment_goals')).toBe(false);
  });

  it('asks who has followed the patient up since discharge, only at the follow-up', () => {
    expect(answerable(oppfolging, 'followup_by').kind).toBe('multiple-choice');
    expect(codesOf(oppfolging, 'followup_by')).toEqual([
      'gp',
      'municipal',
      'specialist',
      'nav',
      'peer',
      'family-friends',
      'other',
      'nobody',
    ]);
    for (const definition of [basis, malepunkt, avslutning])
      expect(leafItems(definition).some((l) => l.id.startsWith('followup_'))).toBe(false);
  });
});

describe('the ECT follow-up', () => {
  it('rates memory now against before the treatment on 0–6, labelled at 0, 2, 4 and 6, worse upwards', () => {
    const memory = answerable(ect, 'ect_memory') as AnswerableItem & { labels: { value: number; text: Record<string, string> }[] };
    expect(memory).toMatchObject({ kind: 'scale', min: 0, max: 6 });
    expect(memory.labels.map((l) => [l.value, l.text.en])).toEqual([
      [0, 'As good as before, or better'],
      [2, 'A little worse than before'],
      [4, 'Clearly worse than before'],
      [6, 'Much worse than before'],
    ]);
  });

  it('asks what the memory complaints concern only when there are some', () => {
    expect(isVisible(ect, { ect_memory: { value: 0 } }, 'ect_memory_kind')).toBe(false);
    expect(isVisible(ect, { ect_memory: { value: 1 } }, 'ect_memory_kind')).toBe(true);
    expect(answerable(ect, 'ect_memory_kind').required).toBe(false);
  });

  it('has the effect, the information and the treatment experience as single choices', () => {
    expect(codesOf(ect, 'ect_effect')).toEqual(['very-good', 'good', 'some', 'none', 'worse']);
    expect(codesOf(ect, 'ect_informed')).toEqual(['very-good', 'good', 'neither', 'poor', 'very-poor']);
    expect(codesOf(ect, 'ect_experience')).toEqual(['very-good', 'good', 'neither', 'poor', 'very-poor']);
    expect(answerable(ect, 'ect_comment')).toMatchObject({ kind: 'long-text', required: false });
  });

  it('leaves the measurement point to the order: no item asks when the patient answers', () => {
    expect(leafItems(ect).map((l) => l.id)).toEqual([
      'ect_effect',
      'ect_memory',
      'ect_memory_kind',
      'ect_informed',
      'ect_experience',
      'ect_comment',
    ]);
  });
});

describe('the language of every text', () => {
  type Texts = { nb: string; nn: string; en: string };
  function textsOf(value: unknown, found: Texts[] = []): Texts[] {
    if (Array.isArray(value)) value.forEach((v) => textsOf(v, found));
    else if (typeof value === 'object' && value !== null) {
      if ('nb' in value && 'nn' in value && 'en' in value) found.push(value as Texts);
      else Object.values(value).forEach((v) => textsOf(v, found));
    }
    return found;
  }
  const words = (list: string[]) => new RegExp(`(?<!\\p{L})(${list.join('|')})(?!\\p{L})`, 'iu');
  // Forms that are bokmål only, never nynorsk, and the other way round.
  const bokmal = words([
    'ikke',
    'hva',
    'hvordan',
    'hvilke',
    'hvilken',
    'hvem',
    'hvor',
    'jeg',
    'noe',
    'noen',
    'hjemme',
    'uke',
    'uka',
    'dager',
    'mye',
    'fra',
    'være',
    'ble',
    'bedre',
    'dårlig',
    'ønsker',
    'venner',
    'bolig',
    'behandlingen',
    'spørsmålene',
    'svarene',
  ]);
  const nynorsk = words([
    'ikkje',
    'kva',
    'korleis',
    'kven',
    'kvar',
    'eg',
    'noko',
    'nokon',
    'heime',
    'veke',
    'dagar',
    'mykje',
    'frå',
    'vere',
    'vart',
    'betre',
    'dårleg',
    'ønskjer',
    'vener',
    'bustad',
    'behandlinga',
    'spørsmåla',
    'svara',
  ]);

  it.each([...kvarus, ect].map((d) => [d.id, d] as const))('%s has real nynorsk in nn and bokmål in nb', (_id, definition) => {
    const texts = textsOf(definition);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((t) => bokmal.test(t.nn)).map((t) => t.nn)).toEqual([]);
    expect(texts.filter((t) => nynorsk.test(t.nb)).map((t) => t.nb)).toEqual([]);
  });
});
