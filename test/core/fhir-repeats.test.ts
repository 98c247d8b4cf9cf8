// Repeating groups in FHIR: a group with "repeats" exported as a repeating Questionnaire group (with
// minOccurs and maxOccurs), a submission's entries as one response item per entry, and a
// Questionnaire's repeating groups and questions imported as repeating groups, with what cannot be
// carried (a repeating group inside another, a condition or score that looks into one) reported.
import { describe, expect, it } from 'vitest';
import { importQuestionnaire } from '../../src/cli/fhir.js';
import type { Answers } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import {
  fromFhirLanguageBundle,
  fromFhirQuestionnaire,
  toFhirLanguageBundle,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  type Questionnaire,
  type QuestionnaireItem,
} from '../../src/core/fhir/index.js';
import { r4Validation } from './fhir-schema.js';
import { fixtureJson } from './fixtures.js';

const minOccurs = 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs';
const maxOccurs = 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs';

const medicines = parseDefinition(fixtureJson('accepted/medicines.json'));
if (!medicines.ok) throw new Error(JSON.stringify(medicines.problems));

const { expectValid } = r4Validation();

describe('a repeating group exported as a Questionnaire', () => {
  it('repeats, is required when it must have an entry, and says how many entries it may have', () => {
    const { questionnaire } = toFhirQuestionnaire(medicines);
    expectValid(questionnaire);
    const meds = questionnaire.item?.find((i) => i.linkId === 'meds');
    expect(meds).toMatchObject({ type: 'group', repeats: true, required: true });
    expect(meds?.extension).toEqual(
      expect.arrayContaining([
        { url: minOccurs, valueInteger: 1 },
        { url: maxOccurs, valueInteger: 8 },
      ]),
    );
    expect(meds?.enableWhen).toEqual([{ question: 'takes', operator: '=', answerBoolean: true }]);
    // the items of an entry are asked once per entry: they do not repeat themselves
    expect(meds?.item?.map((i) => [i.linkId, i.repeats])).toEqual([
      ['meds.text', undefined],
      ['name', undefined],
      ['form', undefined],
      ['formOther', undefined],
      ['perDay', undefined],
    ]);
  });

  it('is not required when it may have no entry', () => {
    const optional = parseDefinition({ ...(fixtureJson('accepted/medicines.json') as object), id: 'optional-medicines' });
    if (!optional.ok) throw new Error('not valid');
    const group = optional.definition.items[1];
    if (group?.kind !== 'group') throw new Error('no group');
    group.repeats = { min: 0, max: 3 };
    const meds = toFhirQuestionnaire(optional).questionnaire.item?.find((i) => i.linkId === 'meds');
    expect(meds?.required).toBeUndefined();
    expect(meds?.extension?.filter((e) => e.url === minOccurs || e.url === maxOccurs)).toEqual([
      { url: minOccurs, valueInteger: 0 },
      { url: maxOccurs, valueInteger: 3 },
    ]);
  });

  it('comes back from FHIR as the same repeating group, with its minimum, maximum and conditions', () => {
    const { questionnaire } = toFhirQuestionnaire(medicines);
    const imported = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)) as Questionnaire);
    expect(imported.problems).toEqual([]);
    expect(imported.leftOut).toEqual([]);
    const back = parseDefinition(imported.definition);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    const group = back.definition.items[1];
    expect(group).toMatchObject({
      id: 'meds',
      kind: 'group',
      repeats: { min: 1, max: 8 },
      visibleWhen: { op: 'equals', item: 'takes', value: true },
    });
    expect(group?.kind === 'group' ? group.items.map((i) => i.id) : []).toEqual(['name', 'form', 'formOther', 'perDay']);
    expect(group?.kind === 'group' ? group.items[2]?.visibleWhen : undefined).toEqual({ op: 'equals', item: 'form', value: 'other' });
    expect(imported.report.some((line) => line.includes('maxOccurs'))).toBe(false);
  });
});

describe('a repeating group in FHIR, beside the rest', () => {
  it('goes out and comes back in a Bundle of one Questionnaire per language', () => {
    const { bundle } = toFhirLanguageBundle(medicines);
    for (const { resource } of bundle.entry) expectValid(resource);
    const back = fromFhirLanguageBundle(JSON.parse(JSON.stringify(bundle)) as typeof bundle);
    expect(back.problems).toEqual([]);
    expect(back.definition?.languages).toEqual(['nb', 'nn', 'en']);
    expect(back.definition?.items[1]).toMatchObject({
      id: 'meds',
      repeats: { min: 1, max: 8 },
      title: { nb: 'Legemidlene dine', nn: 'Legemidla dine', en: 'Your medicines' },
    });
  });

  it('says that a condition in an entry, written in FHIRPath, looks at every entry', () => {
    const edited = parseDefinition(fixtureJson('accepted/medicines.json'));
    if (!edited.ok) throw new Error('not valid');
    const group = edited.definition.items[1];
    const formOther = group?.kind === 'group' ? group.items[2] : undefined;
    if (!formOther) throw new Error('no formOther');
    formOther.visibleWhen = { op: 'not', condition: { op: 'equals', item: 'form', value: 'tablet' } };
    const { questionnaire, notes } = toFhirQuestionnaire(edited);
    expectValid(questionnaire);
    expect(notes).toContain(
      `the condition of "formOther" in the repeating group "meds" looks at every entry's answers in FHIRPath, not only its own entry's`,
    );
  });
});

describe('a submission with a repeating group exported as a QuestionnaireResponse', () => {
  // as a device holds them: the second entry was removed, so the entries are 1 and 3
  const answers: Answers = {
    takes: { value: true },
    meds: { value: ['1', '3'] },
    'meds.1.name': { value: 'Paracetamol' },
    'meds.1.form': { value: 'tablet' },
    'meds.1.formOther': { value: 'left from before' },
    'meds.1.perDay': { value: 3 },
    'meds.2.name': { value: 'removed, and not sent' },
    'meds.3.name': { value: 'Insulin' },
    'meds.3.form': { value: 'other' },
    'meds.3.formOther': { value: 'Pump' },
    sideEffects: { value: false },
  };
  const respond = (given: Answers) =>
    toFhirQuestionnaireResponse({
      parsed: medicines,
      submissionId: '5a0f7f44-64a3-4a41-9d4c-2f1c3a9b7e10',
      answers: given,
      language: 'en',
      completedAt: '2026-12-05T08:00:00Z',
    });

  it('has one item per entry, in order, each with the group\u2019s linkId and the answers shown in that entry', () => {
    const response = respond(answers);
    expectValid(response);
    const answerOf = (item: { item?: { linkId: string; answer?: unknown[] }[] } | undefined) =>
      Object.fromEntries((item?.item ?? []).map((child) => [child.linkId, child.answer]));
    expect(response.item?.map((i) => i.linkId)).toEqual(['takes', 'meds', 'meds', 'sideEffects']);
    const [first, second] = (response.item ?? []).filter((i) => i.linkId === 'meds');
    expect(first?.text).toBe('Your medicines');
    expect(answerOf(first)).toEqual({
      name: [{ valueString: 'Paracetamol' }],
      form: [{ valueCoding: { system: 'urn:eprom:medicines:item:form', code: 'tablet', display: 'Tablet or capsule' } }],
      perDay: [{ valueInteger: 3 }],
    });
    expect(answerOf(second)).toEqual({
      name: [{ valueString: 'Insulin' }],
      form: [{ valueCoding: { system: 'urn:eprom:medicines:item:form', code: 'other', display: 'Another way' } }],
      formOther: [{ valueString: 'Pump' }],
    });
  });

  it('leaves out the entries of a group not shown, and an entry with nothing answered', () => {
    const hidden = respond({ ...answers, takes: { value: false } });
    expectValid(hidden);
    expect(hidden.item?.map((i) => i.linkId)).toEqual(['takes', 'sideEffects']);
    const empty = respond({ takes: { value: true }, meds: { value: ['1', '2'] }, 'meds.2.name': { value: 'Ibux' } });
    expectValid(empty);
    expect(empty.item?.filter((i) => i.linkId === 'meds').map((i) => i.item?.map((c) => c.linkId))).toEqual([['name']]);
  });
});

/** A Questionnaire written elsewhere, with repeating groups and questions where they can and cannot be carried. */
const children: Questionnaire = {
  resourceType: 'Questionnaire',
  status: 'active',
  name: 'children',
  language: 'en',
  item: [
    { linkId: 'hasKids', type: 'boolean', text: 'Do you have children?' },
    {
      linkId: 'kids',
      type: 'group',
      text: 'Your children',
      repeats: true,
      extension: [
        { url: minOccurs, valueInteger: 2 },
        { url: maxOccurs, valueInteger: 6 },
      ],
      enableWhen: [{ question: 'hasKids', operator: '=', answerBoolean: true }],
      item: [
        { linkId: 'kidAge', type: 'integer', text: 'Age', required: true },
        { linkId: 'kidSchool', type: 'boolean', text: 'In school?', enableWhen: [{ question: 'kidAge', operator: '>', answerInteger: 5 }] },
        { linkId: 'visits', type: 'group', text: 'Visits', repeats: true, item: [{ linkId: 'visitDate', type: 'date', text: 'When?' }] },
      ],
    },
    { linkId: 'nicknames', type: 'string', text: 'Names you go by', repeats: true, required: true },
    { linkId: 'older', type: 'boolean', text: 'Is one over 18?', enableWhen: [{ question: 'kidAge', operator: '>', answerInteger: 18 }] },
    { linkId: 'adults', type: 'integer', text: 'Adults at home' },
    {
      linkId: 'people',
      type: 'decimal',
      text: 'People',
      readOnly: true,
      extension: [
        {
          url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
          valueExpression: {
            language: 'text/fhirpath',
            expression:
              "%resource.repeat(item).where(linkId='adults').answer.value + %resource.repeat(item).where(linkId='kidAge').answer.value",
          },
        },
      ],
    },
    { linkId: 'pets', type: 'group', text: 'Pets', item: [{ linkId: 'petName', type: 'string', text: 'Name', repeats: true }] },
  ],
};

describe('a Questionnaire with repeating groups and questions imported', () => {
  const imported = fromFhirQuestionnaire(children);

  it('makes a top-level repeating group one here, with its minOccurs and maxOccurs', () => {
    expect(imported.problems).toEqual([]);
    expect(imported.definition?.items[1]).toMatchObject({
      id: 'kids',
      kind: 'group',
      repeats: { min: 2, max: 6 },
      visibleWhen: { op: 'equals', item: 'hasKids', value: true },
      items: [
        { id: 'kidAge', kind: 'integer' },
        // a condition inside the group looks at its own entry
        { id: 'kidSchool', kind: 'yes-no', visibleWhen: { op: 'greaterThan', item: 'kidAge', value: 5 } },
        { id: 'visits', kind: 'display' },
        { id: 'visitDate', kind: 'date' },
      ],
    });
  });

  it('makes a top-level repeating question a repeating group of that question, required when FHIR requires it', () => {
    expect(imported.definition?.items[2]).toEqual({
      id: 'nicknames-entries',
      kind: 'group',
      repeats: { min: 1, max: 10 },
      items: [{ id: 'nicknames', kind: 'text', text: { en: 'Names you go by' } }],
    });
    expect(imported.report).toEqual(
      expect.arrayContaining([
        '"nicknames" repeats with no maxOccurs: here it is answered at most 10 times; change "max" if more are needed',
        '"nicknames" takes several answers in FHIR: here it is the one question of the repeating group "nicknames-entries", answered in each of its entries',
      ]),
    );
  });

  it('drops, and reports, what would look into a repeating group from outside it, and what cannot repeat here', () => {
    const items = imported.definition?.items ?? [];
    expect(items[3]).toEqual({ id: 'older', kind: 'yes-no', text: { en: 'Is one over 18?' }, required: false });
    expect(imported.definition?.scores).toBeUndefined();
    expect(items[5]).toMatchObject({ id: 'pets', kind: 'group', items: [{ id: 'petName', kind: 'text' }] });
    expect(items[5]).not.toHaveProperty('repeats');
    expect(imported.report).toEqual(
      expect.arrayContaining([
        'the condition of "older" refers to "kidAge", which is in the repeating group "kids" (an answer for each entry): only items of that group can refer to it, so the condition is left out',
        '"people" reads "kidAge", which is in the repeating group "kids" (an answer for each entry): a score cannot add it up: left out',
        'the group "visits" repeats in FHIR (answered once per thing listed), but it is inside "kids": only a group of the top level can repeat here, so its items are asked once',
        '"visitDate" is in the repeating group "visits": here it takes one answer, not one per repeat',
        '"petName" takes several answers in FHIR: here it takes one (only a number, date or text question of the top level becomes a repeating group)',
      ]),
    );
  });

  it('is not a partial import: the command succeeds, as it does for any import that leaves no question out', () => {
    expect(imported.leftOut).toEqual([]);
    expect(importQuestionnaire('children.json', JSON.stringify(children)).isOk).toBe(true);
  });

  it('exports again as valid R4 that keeps the repeats, minimum and maximum', () => {
    const parsed = parseDefinition(imported.definition);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const { questionnaire } = toFhirQuestionnaire(parsed);
    expectValid(questionnaire);
    const occurs = (item: QuestionnaireItem | undefined) =>
      item && [
        item.repeats,
        item.required,
        item.extension?.filter((e) => e.url === minOccurs || e.url === maxOccurs).map((e) => e.valueInteger),
      ];
    expect(occurs(questionnaire.item?.find((i) => i.linkId === 'kids'))).toEqual([true, true, [2, 6]]);
    expect(occurs(questionnaire.item?.find((i) => i.linkId === 'nicknames-entries'))).toEqual([true, true, [1, 10]]);
  });
});
