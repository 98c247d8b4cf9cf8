// What every scored instrument shares: three languages, the licence of project wording, a proper
// citation, and example answer sets that give the scores they expect.
import { describe, expect, it } from 'vitest';
import { checkExampleScores } from '../../../src/core/index.js';
import { instrument } from './instrument.js';

const files = ['ede-q-6.0.json', 'cia-3.0.json', 'norspis-outcome-1.json', 'ect-madrs-s-1.json'];
const license =
  "Wording written by the project, faithful to each item's meaning; not the official wording. The instrument © its authors; a register publishing this must use its licensed official wording in a new version.";

describe.each(files)('%s', (file) => {
  const definition = instrument(file);

  it('is named for its file, in nb, nn and en, with the licence of project wording', () => {
    expect(`${definition.id}-${definition.version}.json`).toBe(file);
    expect(definition.languages).toEqual(['nb', 'nn', 'en']);
    expect(definition.license).toBe(license);
    expect(definition.source.citation.length).toBeGreaterThan(40);
    expect(definition.source.note).toMatch(/own wording/i);
  });

  it('carries two or three example answer sets, and each gives the scores it expects', () => {
    expect(definition.examples?.length).toBeGreaterThanOrEqual(2);
    expect(definition.examples?.length).toBeLessThanOrEqual(3);
    expect(checkExampleScores(definition)).toEqual([]);
  });

  it('keeps its scores from the patient', () => {
    expect(definition.scores?.some((score) => score.showToPatient)).toBe(false);
  });
});

it('cites each instrument by its authors, year and title', () => {
  const citation = (file: string) => instrument(file).source.citation;
  expect(citation('ede-q-6.0.json')).toMatch(/^Fairburn CG, Beglin SJ\. Eating Disorder Examination Questionnaire \(EDE-Q 6\.0\).*2008/);
  expect(citation('cia-3.0.json')).toMatch(/^Bohn K, Fairburn CG\. The Clinical Impairment Assessment questionnaire \(CIA 3\.0\).*2008/);
  expect(citation('ect-madrs-s-1.json')).toMatch(/^Svanborg P, Åsberg M\. A new self-rating scale for depression and anxiety states.*1994/);
});
