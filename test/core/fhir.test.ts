// FHIR R4: every shipped definition exported as a Questionnaire and a submission as a
// QuestionnaireResponse, both valid against the official R4 JSON schema; and each Questionnaire
// imported back, with the parts FHIR carries compared to the original.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeScores,
  exampleAnswers,
  leafItems,
  optionsOf,
  isAnswerable,
  type Definition,
  type ParsedDefinition,
} from '../../src/core/index.js';
import { parseDefinition, parseDefinitionText } from '../../src/core/parse-definition.js';
import { fromFhirQuestionnaire, toFhirQuestionnaire, toFhirQuestionnaireResponse, type Questionnaire } from '../../src/core/fhir/index.js';
import { brokenInvariants } from './fhir-invariants.js';
import { r4Validation } from './fhir-schema.js';
import { projectRoot } from './fixtures.js';

const shipped: [string, ParsedDefinition][] = readdirSync(`${projectRoot}questionnaires`)
  .filter((name) => name.endsWith('.json') && name !== 'published.json')
  .map((name) => {
    const parsed = parseDefinitionText(readFileSync(`${projectRoot}questionnaires/${name}`, 'utf8'));
    if (!parsed.ok) throw new Error(`${name} is not valid`);
    return [name, parsed];
  });

const { validate, expectValid } = r4Validation();

/** The parts of a definition that a FHIR Questionnaire carries, as the round trip compares them. */
function carried(definition: Definition) {
  const items = (list: Definition['items']): unknown[] =>
    list.map((item) => {
      if (item.kind === 'group') {
        const { items: children, ...rest } = item;
        return { ...rest, items: items(children) };
      }
      if (!isAnswerable(item)) return item;
      // options are compared as the options each item has, whether shared or its own
      const {
        options: _options,
        optionSet: _set,
        preferNotToAnswer: _decline,
        ...rest
      } = item as typeof item & { options?: unknown; optionSet?: unknown };
      const options = optionsOf(definition, item);
      return {
        ...rest,
        ...(options.length > 0 ? { options } : {}),
        ...(item.kind === 'text' || item.kind === 'long-text' ? { maxLength: item.maxLength ?? (item.kind === 'text' ? 500 : 10000) } : {}),
        ...(item.kind === 'decimal' ? { decimals: item.decimals ?? 1 } : {}),
        required: item.required ?? true,
      };
    });
  const normalise = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'required' && v === true ? undefined : v)));
  return normalise({
    id: definition.id,
    version: definition.version,
    languages: definition.languages,
    title: definition.title,
    introduction: definition.introduction,
    license: definition.license,
    items: items(definition.items),
  });
}

/** A condition FHIR cannot say with enableWhen is exported as FHIRPath only, and not imported. */
function withoutConditions(value: unknown, ids: readonly string[]): unknown {
  return JSON.parse(JSON.stringify(value), function (this: Record<string, unknown>, key: string, v: unknown) {
    return key === 'visibleWhen' && typeof this.id === 'string' && ids.includes(this.id) ? undefined : v;
  }) as unknown;
}

describe.each(shipped)('%s', (_name, parsed) => {
  const { definition } = parsed;
  const exported = () => toFhirQuestionnaire(parsed);

  it('exports a Questionnaire that is valid FHIR R4', () => {
    const { questionnaire } = exported();
    expectValid(questionnaire);
    expect(questionnaire).toMatchObject({
      resourceType: 'Questionnaire',
      url: `urn:eprom:questionnaire:${definition.id}`,
      version: definition.version,
      status: 'active',
    });
  });

  it('gives every item its id as linkId, its options their codes, and every language', () => {
    const { questionnaire } = exported();
    const linkIds = JSON.stringify(questionnaire.item);
    for (const item of leafItems(definition)) {
      expect(linkIds).toContain(`"linkId":"${item.id}"`);
      if (isAnswerable(item)) for (const option of optionsOf(definition, item)) expect(linkIds).toContain(`"code":"${option.code}"`);
    }
    for (const language of definition.languages.slice(1))
      expect(JSON.stringify(questionnaire._title)).toContain(`"valueCode":"${language}"`);
  });

  it('writes every score as an SDC calculated expression', () => {
    const { questionnaire } = exported();
    for (const score of definition.scores ?? []) {
      const item = questionnaire.item?.find((i) => i.linkId === `score.${score.id}`);
      expect(item?.extension?.some((e) => e.url.endsWith('sdc-questionnaire-calculatedExpression') && e.valueExpression?.expression)).toBe(
        true,
      );
    }
  });

  it('comes back from FHIR with the same ids, kinds, texts, options, limits and conditions', () => {
    const { questionnaire, notes } = exported();
    const imported = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)) as Questionnaire);
    expect(imported.problems).toEqual([]);
    const back = parseDefinition(imported.definition);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    // conditions that went out as FHIRPath only are named in the export's notes and the import's report
    const fhirPathOnly = notes.flatMap((note) => /^the condition of "([^"]+)" cannot be written as enableWhen/.exec(note)?.[1] ?? []);
    for (const id of fhirPathOnly)
      expect(imported.report).toContain(
        `the condition of "${id}" is written in FHIRPath (enableWhenExpression), which is not carried over: write it in "visibleWhen"`,
      );
    expect(withoutConditions(carried(back.definition), fhirPathOnly)).toEqual(withoutConditions(carried(definition), fhirPathOnly));
    // what FHIR does not carry is said, not lost silently
    if (definition.scores)
      expect(imported.report.some((line) => line.includes('which is not a sum or mean of items the format can score'))).toBe(true);
    expect(back.definition.scores).toBeUndefined();
    expect(back.definition.notices).toBeUndefined();
    expect(back.definition.examples).toBeUndefined();
  });

  it('exports a submission as a valid QuestionnaireResponse, with the register\u2019s scores', () => {
    const answers = definition.examples?.[0] ? exampleAnswers(definition.examples[0]) : {};
    const response = toFhirQuestionnaireResponse({
      parsed,
      submissionId: '0b0b3f6c-2c41-4a57-9a2e-7c0d1d1b9d11',
      answers,
      language: definition.languages[0] ?? 'nb',
      completedAt: '2026-01-15T10:00:00Z',
      noticesShown: definition.notices ? [definition.notices[0]?.id ?? ''] : [],
      patientRef: 'P-123',
    });
    expectValid(response);
    const scores = computeScores(definition, answers);
    for (const [id, result] of Object.entries(scores))
      if (result.status === 'score')
        expect(response.item?.find((i) => i.linkId === `score.${id}`)?.answer).toEqual([{ valueDecimal: result.value }]);
    expect(response).toMatchObject({
      questionnaire: `urn:eprom:questionnaire:${definition.id}|${definition.version}`,
      status: 'completed',
      subject: { identifier: { value: 'P-123' } },
    });
  });
});

describe('what R4 asks beyond the schema', () => {
  const withHelp = parseDefinition({
    id: 'help-and-units',
    version: '1',
    languages: ['nb', 'en'],
    title: { nb: 'Hjelp og einingar', en: 'Help and units' },
    license: 'CC0-1.0',
    source: { citation: 'Written for this test' },
    items: [
      { id: 'intro', kind: 'display', text: { nb: 'Les dette', en: 'Read this' }, help: { nb: 'Slik gjer du', en: 'How to' } },
      { id: 'weight', kind: 'decimal', text: { nb: 'Vekt', en: 'Weight' }, unit: { nb: 'kg', en: 'kg' } },
      { id: 'nights', kind: 'integer', text: { nb: 'Netter', en: 'Nights' }, unit: { nb: 'dager', en: 'days' } },
      { id: 'glasses', kind: 'integer', text: { nb: 'Glas', en: 'Glasses' }, unit: { nb: 'glass', en: 'glasses' } },
    ],
  });
  if (!withHelp.ok) throw new Error(JSON.stringify(withHelp.problems));

  it('writes the help of a display item after it, since a display item holds no items (que-1), and reads it back', () => {
    const { questionnaire, notes } = toFhirQuestionnaire(withHelp);
    expectValid(questionnaire);
    expect(questionnaire.item?.slice(0, 2).map((i) => [i.linkId, i.type, i.item])).toEqual([
      ['intro', 'display', undefined],
      ['intro.help', 'display', undefined],
    ]);
    expect(notes.some((n) => n.includes('"intro.help"'))).toBe(true);
    const back = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)));
    expect(back.definition?.items[0]).toMatchObject({ id: 'intro', kind: 'display', help: { nb: 'Slik gjer du', en: 'How to' } });
    expect(back.definition?.items).toHaveLength(4);
  });

  it('writes units as UCUM where UCUM names them, and says which it could not', () => {
    const { questionnaire, notes } = toFhirQuestionnaire(withHelp);
    const unitOf = (linkId: string) =>
      questionnaire.item?.find((i) => i.linkId === linkId)?.extension?.find((e) => e.url.endsWith('questionnaire-unit'))?.valueCoding;
    expect(unitOf('weight')).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'kg', display: 'kg' });
    expect(unitOf('nights')).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'd', display: 'dager' });
    expect(unitOf('glasses')).toMatchObject({ system: 'urn:eprom:help-and-units:unit', code: 'glasses' });
    expect(notes).toContain(`the unit of "glasses" is not one UCUM names: it is exported under this questionnaire's own code system`);
    const back = fromFhirQuestionnaire(JSON.parse(JSON.stringify(questionnaire)));
    expect(back.definition?.items[2]).toMatchObject({ unit: { nb: 'dager', en: 'days' } });
  });

  it('finds what breaks R4\u2019s invariants', () => {
    expect(
      brokenInvariants({
        resourceType: 'Questionnaire',
        status: 'active',
        item: [
          { linkId: 'a', type: 'display', text: 'x', item: [{ linkId: 'b', type: 'display', text: 'y' }] },
          { linkId: 'b', type: 'boolean', enableWhen: [{ question: 'a', operator: 'exists', answerString: 'yes' }] },
        ],
      } as Questionnaire),
    ).toEqual(['que-1 (1×)', 'que-2 (1×)', 'que-7 (1×)']);
    expect(
      brokenInvariants({
        resourceType: 'QuestionnaireResponse',
        item: [{ linkId: 'a', answer: [{ valueBoolean: true }], item: [{ linkId: 'b' }] }],
      } as { resourceType: string }),
    ).toEqual(['qrs-1 (1×)']);
  });
});

describe('the schema validation itself', () => {
  it('refuses what is not FHIR R4', () => {
    expect(validate({ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'a', type: 'slider' }] })).toBe(false);
    expect(validate({ resourceType: 'Questionnaire', status: 'active', colour: 'red' })).toBe(false);
    expect(validate({ resourceType: 'QuestionnaireResponse', status: 'done' })).toBe(false);
    expect(
      validate({ resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'a', answer: [{ valueNumber: 1 }] }] }),
    ).toBe(false);
  });
});
