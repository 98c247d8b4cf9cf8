// Importing a FHIR Questionnaire written elsewhere: what is carried over, and what is reported.
import { describe, expect, it } from 'vitest';
import { fromFhirQuestionnaire } from '../../src/core/fhir/index.js';

describe('importing a Questionnaire from elsewhere', () => {
  it('carries over what the format has, and reports the rest', () => {
    const imported = fromFhirQuestionnaire({
      resourceType: 'Questionnaire',
      status: 'active',
      name: 'PHQ-2',
      language: 'en-GB',
      title: 'Two questions',
      item: [
        {
          linkId: '1',
          text: 'Little interest?',
          type: 'choice',
          required: true,
          answerOption: [
            { valueCoding: { code: 'LA6568-5', display: 'Not at all' } },
            { valueCoding: { code: 'LA6569-3', display: 'Several days' } },
          ],
        },
        { linkId: 'photo', text: 'A photo', type: 'attachment' },
        { linkId: 'when', text: 'When?', type: 'dateTime' },
        { linkId: 'why', text: 'Why?', type: 'string', enableWhen: [{ question: '1', operator: '=', answerCoding: { code: 'LA6569-3' } }] },
      ],
    });
    expect(imported.problems).toEqual([]);
    expect(imported.definition).toMatchObject({
      id: 'PHQ-2',
      version: '1',
      languages: ['en'],
      items: [
        {
          id: 'item-1',
          linkId: '1',
          kind: 'single-choice',
          options: [
            { code: 'LA6568-5', text: { en: 'Not at all' } },
            { code: 'LA6569-3', text: { en: 'Several days' } },
          ],
        },
        { id: 'why', kind: 'text', required: false, visibleWhen: { op: 'equals', item: 'item-1', value: 'LA6569-3' } },
      ],
    });
    expect(imported.report).toEqual(
      expect.arrayContaining([
        'the item "1" is called "item-1" (an id has only letters, digits, "_" and "-" and starts with a letter); its linkId is kept for FHIR',
        '"photo" is a attachment item, which the format does not have: left out',
        '"when" is a dateTime item, which the format does not have: left out',
        'the version null is not one to three numbers: it is "1" here',
      ]),
    );
    // questions left out make the import partial, which the command refuses to call a success
    expect(imported.leftOut).toEqual([
      { linkId: 'photo', reason: 'is a attachment item, which the format does not have' },
      { linkId: 'when', reason: 'is a dateTime item, which the format does not have' },
    ]);
  });

  it('refuses what is not a Questionnaire', () => {
    expect(fromFhirQuestionnaire({ resourceType: 'Patient' }).definition).toBeUndefined();
  });
});
