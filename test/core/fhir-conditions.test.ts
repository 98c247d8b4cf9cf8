// FHIR conditions: visibleWhen written as enableWhen and read back, or as FHIRPath when it must be.
import { describe, expect, it } from 'vitest';
import { type ParsedDefinition } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { fromFhirQuestionnaire, toFhirQuestionnaire } from '../../src/core/fhir/index.js';

describe('conditions in FHIR', () => {
  const definitionWith = (visibleWhen: unknown): ParsedDefinition => {
    const result = parseDefinition({
      id: 'c',
      version: '1',
      languages: ['en'],
      title: { en: 'C' },
      license: 'test',
      source: { citation: 'test' },
      items: [
        { id: 'scale', kind: 'scale', text: { en: 'S' }, min: 0, max: 4, labels: [{ value: 0, text: { en: 'none' } }] },
        { id: 'count', kind: 'integer', text: { en: 'N' } },
        { id: 'ok', kind: 'yes-no', text: { en: 'OK?' } },
        { id: 'target', kind: 'text', text: { en: 'T' }, visibleWhen },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  };
  const target = (parsed: ParsedDefinition) => toFhirQuestionnaire(parsed).questionnaire.item?.find((i) => i.linkId === 'target');

  it.each([
    [{ op: 'greaterThan', item: 'count', value: 2 }, [{ question: 'count', operator: '>', answerInteger: 2 }], undefined],
    [{ op: 'answered', item: 'ok' }, [{ question: 'ok', operator: 'exists', answerBoolean: true }], undefined],
    [{ op: 'not', condition: { op: 'answered', item: 'ok' } }, [{ question: 'ok', operator: 'exists', answerBoolean: false }], undefined],
    [
      {
        op: 'all',
        conditions: [
          { op: 'equals', item: 'ok', value: true },
          { op: 'lessThan', item: 'count', value: 5 },
        ],
      },
      [
        { question: 'ok', operator: '=', answerBoolean: true },
        { question: 'count', operator: '<', answerInteger: 5 },
      ],
      'all',
    ],
    [
      { op: 'greaterThan', item: 'scale', value: 2 },
      [
        { question: 'scale', operator: '=', answerCoding: { system: 'urn:eprom:c:item:scale', code: '3' } },
        { question: 'scale', operator: '=', answerCoding: { system: 'urn:eprom:c:item:scale', code: '4' } },
      ],
      'any',
    ],
  ])('writes %j as enableWhen, and reads it back the same', (condition, enableWhen, behavior) => {
    const parsed = definitionWith(condition);
    expect(target(parsed)).toMatchObject({ enableWhen, ...(behavior ? { enableBehavior: behavior } : {}) });
    const back = fromFhirQuestionnaire(toFhirQuestionnaire(parsed).questionnaire);
    expect((back.definition?.items.find((i) => i.id === 'target') as { visibleWhen?: unknown }).visibleWhen).toEqual(condition);
  });

  it('writes a "not" of a comparison as an SDC enableWhenExpression, and says so', () => {
    const parsed = definitionWith({ op: 'not', condition: { op: 'equals', item: 'ok', value: true } });
    const { questionnaire, notes } = toFhirQuestionnaire(parsed);
    const item = questionnaire.item?.find((i) => i.linkId === 'target');
    expect(item?.enableWhen).toBeUndefined();
    expect(item?.extension?.[0]?.valueExpression?.expression).toBe(
      "(%resource.repeat(item).where(linkId = 'ok').answer.value.where($this = true).exists()).not()",
    );
    expect(notes).toContain(
      'the condition of "target" cannot be written as enableWhen: it is given as an SDC enableWhenExpression (FHIRPath) only',
    );
  });
});
