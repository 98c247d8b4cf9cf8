// What an import keeps of a real questionnaire's meaning (issue 18): codes that let a response be
// matched to the source, value sets, scores, and the conditions of nested groups. On files of the
// corpus (test/fixtures/fhir-corpus).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/answers.js';
import { fromFhirQuestionnaire, toFhirQuestionnaireResponse, valueSetsIn } from '../../src/core/fhir/index.js';
import { parseDefinition, type ParsedDefinition } from '../../src/core/parse-definition.js';
import { computeScores } from '../../src/core/scoring.js';
import { projectRoot } from './fixtures.js';

const corpus = `${projectRoot}test/fixtures/fhir-corpus`;
const read = (file: string): unknown => JSON.parse(readFileSync(`${corpus}/${file}`, 'utf8'));

function imported(file: string, valueSets: unknown[] = []) {
  const result = fromFhirQuestionnaire(read(file), { valueSets: valueSets.flatMap(valueSetsIn) });
  const parsed = parseDefinition(result.definition);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return { ...result, parsed };
}

const items = (parsed: ParsedDefinition) => parsed.definition.items.flatMap((i) => (i.kind === 'group' ? [i, ...i.items] : [i]));
const answered = (entries: Record<string, string | number>): Answers =>
  Object.fromEntries(Object.entries(entries).map(([id, value]) => [id, { value }]));

describe('PHQ-9 as LHC-Forms writes it', () => {
  const { parsed, leftOut } = imported('lforms/phq9.json');
  const questions = items(parsed).filter((i) => i.kind === 'single-choice');

  it('keeps the LOINC codes of the questionnaire, its items and their options, and the linkIds', () => {
    expect(leftOut).toEqual([]);
    expect(parsed.definition.codes).toEqual([expect.objectContaining({ system: 'http://loinc.org', code: '44249-1' })]);
    expect(questions[0]).toMatchObject({
      id: 'item-44250-9',
      linkId: '/44250-9',
      codes: [{ system: 'http://loinc.org', code: '44250-9' }],
      options: [{ code: 'LA6568-5', coding: { system: 'http://loinc.org' } }, {}, {}, {}],
    });
  });

  it('reads the total score (variables over ordinalValue, summed) as a sum score that computes the same', () => {
    const [total] = parsed.definition.scores ?? [];
    expect(total).toMatchObject({ kind: 'sum', linkId: '/44261-6', minAnswered: { atLeast: 1 } });
    const nine = questions.slice(0, 9);
    expect(nine).toHaveLength(9);
    // "more than half the days" is 2 on each of the nine items
    const scores = computeScores(parsed.definition, answered(Object.fromEntries(nine.map((q) => [q.id, 'LA6570-1']))));
    expect(scores[total?.id ?? '']).toMatchObject({ status: 'score', value: 18 });
    // the source counts what is unanswered as 0 once anything is answered
    const [first] = nine;
    expect(computeScores(parsed.definition, answered({ [first?.id ?? '']: 'LA6571-9' }))[total?.id ?? '']).toMatchObject({ value: 3 });
  });

  it('exports a response that names the source linkIds and LOINC answer codes', () => {
    const [first] = questions;
    const response = toFhirQuestionnaireResponse({
      parsed,
      submissionId: 's-1',
      answers: answered({ [first?.id ?? '']: 'LA6569-3' }),
      language: 'en',
      completedAt: '2026-01-01T10:00:00Z',
    });
    expect(response.item?.[0]).toMatchObject({
      linkId: '/44250-9',
      answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6569-3' } }],
    });
  });
});

describe('value sets', () => {
  it('reads a contained value set into options, and names a canonical one it does not have', () => {
    const { parsed, leftOut, report } = imported('lforms/argonaut-phq9-ish.json');
    const q1 = items(parsed).find((i) => i.linkId === 'g1.q1' || i.id === 'g1-q1');
    expect(q1).toMatchObject({
      kind: 'single-choice',
      options: [{ code: 'LA6568-5', coding: { system: 'http://loinc.org' } }, {}, {}, {}],
    });
    expect(leftOut).toEqual([
      {
        linkId: 'g1.q9',
        reason:
          'cannot have its options: its value set http://fhir.org/guides/argonaut-questionnaire/ValueSet/PHQ-9 is not contained in the Questionnaire: give it with --valuesets <folder>',
      },
    ]);
    expect(report.some((line) => line.startsWith('"g1.q9" cannot have its options'))).toBe(true);
  });

  it('reads a canonical value set from those given, keeping the codes of each system', () => {
    const without = fromFhirQuestionnaire(read('lforms/q-with-answerValueSet-radiobutton-checkbox.json'));
    expect(without.definition).toBeUndefined();
    expect(without.leftOut).toHaveLength(6);
    const { parsed, leftOut } = imported('lforms/q-with-answerValueSet-radiobutton-checkbox.json', [read('valuesets/yesnodontknow.json')]);
    expect(leftOut).toEqual([]);
    expect(items(parsed)[0]).toMatchObject({
      options: [
        { code: 'N', coding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0136' } },
        { code: 'Y', coding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0136' } },
        { code: 'asked-unknown', coding: { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason' } },
      ],
    });
  });
});

describe("Helsenorge's scoring", () => {
  it('reads section and total scores (codes SS and TS) as sums of the weighted items of their group', () => {
    const { parsed } = imported('refero/scoring-section-score.json');
    const scores = parsed.definition.scores ?? [];
    const ids = (linkIds: string[]) => linkIds.map((l) => items(parsed).find((i) => (i.linkId ?? i.id) === l)?.id);
    expect(scores.find((s) => s.linkId === 'sectionscore_213')).toMatchObject({ kind: 'sum', items: ids(['2.1.1', '2.1.2']) });
    expect(scores.find((s) => s.linkId === 'totalscore_31')).toMatchObject({
      kind: 'sum',
      items: ids(['2.1.1', '2.1.2', '2.2.1', '2.2.2', '2.3.1', '2.3.2.1', '2.3.2.2.1']),
    });
    // the calculated items are scores, never questions
    expect(items(parsed).some((i) => (i.linkId ?? i.id).startsWith('sectionscore'))).toBe(false);
  });

  it('reads calculated expressions that add items up, and a sum over a number as a formula', () => {
    const { parsed } = imported('refero/calculators.json');
    const scores = parsed.definition.scores ?? [];
    expect(scores.find((s) => s.id === 'Sum')).toMatchObject({ kind: 'sum', items: ['Tall1', 'Tall2'] });
    expect(scores.find((s) => s.id === 'Gjennomsnitt')).toMatchObject({
      kind: 'formula',
      formula: {
        op: 'divide',
        args: [
          { op: 'score', score: 'Sum' },
          { op: 'number', value: 2 },
        ],
      },
    });
    const results = computeScores(parsed.definition, answered({ Tall1: 3, Tall2: 5 }));
    expect(results.Gjennomsnitt).toMatchObject({ status: 'score', value: 4 });
  });
});

describe('nested groups', () => {
  it("give each of their items the group's condition, besides its own", () => {
    const { parsed } = imported('refero/enable-when-deep-transitive.json');
    // B (a page, shown when A is yes) holds B.1 and the group C, shown when B.1 is yes
    const c1 = items(parsed).find((i) => i.linkId === 'C.1');
    expect(c1?.visibleWhen).toEqual({ op: 'equals', item: 'B-1', value: true });
    expect(parsed.definition.items.find((i) => i.id === 'B')?.visibleWhen).toEqual({ op: 'equals', item: 'A', value: true });
    // C's heading is a text under the same condition
    expect(items(parsed).find((i) => i.id === 'C')).toMatchObject({
      kind: 'display',
      visibleWhen: { op: 'equals', item: 'B-1', value: true },
    });
  });
});

describe('kept linkIds', () => {
  it('must be unique, as in FHIR: check refuses one used twice', () => {
    const definition = (second: Record<string, unknown>) => ({
      id: 'twice',
      version: '1',
      languages: ['en'],
      title: { en: 'Twice' },
      license: 'Test',
      source: { citation: 'Test' },
      items: [
        { id: 'a', kind: 'yes-no', text: { en: 'A?' }, linkId: '/1' },
        { id: 'b', kind: 'yes-no', text: { en: 'B?' }, ...second },
      ],
    });
    const problems = (second: Record<string, unknown>) => {
      const parsed = parseDefinition(definition(second));
      return parsed.ok ? [] : parsed.problems.map((p) => `${p.path.join('.')} ${p.message}`);
    };
    expect(problems({ linkId: '/1' })).toEqual(['items.1.linkId the linkId "/1" is used twice']);
    // "a" is free: the first item goes to FHIR as "/1"
    expect(problems({ linkId: 'a' })).toEqual([]);
    expect(problems({ linkId: '/2' })).toEqual([]);
  });
});
