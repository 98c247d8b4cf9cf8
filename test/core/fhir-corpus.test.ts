// Real-world R4 Questionnaires (test/fixtures/fhir-corpus, see SOURCES.md there) imported, checked,
// exported and compared item by item: every item carried over comes back with the source's linkId
// and codes, and every option with the source's code and system.
import { readdirSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  valueSetsIn,
  type Coding,
  type Questionnaire,
  type QuestionnaireItem,
} from '../../src/core/fhir/index.js';
import { findValueSet, optionsOfValueSet } from '../../src/core/fhir/import-value-sets.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { brokenInvariants } from './fhir-invariants.js';
import { fhirValidator } from './fhir-schema.js';
import { projectRoot } from './fixtures.js';

const corpus = `${projectRoot}test/fixtures/fhir-corpus`;
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const valueSets = readdirSync(`${corpus}/valuesets`).flatMap((name) => valueSetsIn(read(`${corpus}/valuesets/${name}`)));
const files = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'valuesets')
  .flatMap((folder) =>
    readdirSync(`${corpus}/${folder.name}`)
      .filter((name) => name.endsWith('.json'))
      .map((name) => `${folder.name}/${name}`),
  );

let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirValidator();
}, 60_000);

function byLinkId(items: readonly QuestionnaireItem[] | undefined, found = new Map<string, QuestionnaireItem>()) {
  for (const item of items ?? []) {
    found.set(item.linkId, item);
    byLinkId(item.item, found);
  }
  return found;
}

const identity = (codings: readonly Coding[] | undefined) =>
  (codings ?? []).filter((c) => c.code).map((c) => ({ system: c.system, code: c.code }));

/** A choice item's options in the source, as system and code: its answerOptions, or its value set's. */
function sourceOptions(questionnaire: Questionnaire, item: QuestionnaireItem) {
  let options = item.answerOption ?? [];
  if (item.answerValueSet) {
    const found = findValueSet(item.answerValueSet, questionnaire.contained ?? [], valueSets);
    const read = 'valueSet' in found ? optionsOfValueSet(found.valueSet) : undefined;
    options = read && 'options' in read ? read.options : [];
  }
  return identity(options.flatMap((o) => (o.valueCoding ? [o.valueCoding] : [])));
}

describe('the FHIR corpus', () => {
  it('holds at least fifteen Questionnaires, each with where it came from', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    const sources = readFileSync(`${corpus}/SOURCES.md`, 'utf8');
    for (const file of files) expect(sources).toContain(`\`${file}\``);
  });

  describe.each(files)('%s', (file) => {
    const source = read(`${corpus}/${file}`) as Questionnaire;
    const imported = fromFhirQuestionnaire(source, { valueSets });

    it('imports into a definition that passes check, reporting what it leaves out', () => {
      expect(imported.definition).toBeDefined();
      expect(imported.problems).toEqual([]);
      for (const { linkId } of imported.leftOut) expect(imported.report.some((line) => line.startsWith(`"${linkId}"`))).toBe(true);
    });

    it('exports valid R4 that gives back the source linkIds, codes and option systems for every item carried over', () => {
      const parsed = parseDefinition(imported.definition);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const { questionnaire } = toFhirQuestionnaire(parsed);
      const isValid = validate(questionnaire);
      expect(isValid ? [] : validate.errors?.slice(0, 5)).toEqual([]);
      expect(brokenInvariants(questionnaire)).toEqual([]);

      const sourceItems = byLinkId(source.item);
      const exported = byLinkId(questionnaire.item);
      const definition = parsed.definition;
      const carried = [
        ...definition.items.flatMap((item) => (item.kind === 'group' ? [item, ...item.items] : [item])),
        ...(definition.scores ?? []),
      ];
      let compared = 0;
      for (const item of carried) {
        const linkId = item.linkId ?? item.id;
        const from = sourceItems.get(linkId);
        if (!from) continue; // ours: a group's introduction, a help text
        const to = exported.get(linkId);
        expect(to, linkId).toBeDefined();
        if (!to) continue;
        compared++;
        // a nested group's heading is a text here, and a text has no codes in FHIR (que-3)
        if (from.type !== 'display' && item.kind !== 'display')
          expect(identity(to.code), linkId).toEqual(identity(from.code).length > 0 ? identity(from.code) : identity(to.code));
        if (from.type === 'choice' || from.type === 'open-choice')
          expect(identity(to.answerOption?.flatMap((o) => (o.valueCoding ? [o.valueCoding] : [])))).toEqual(sourceOptions(source, from));
      }
      expect(compared).toBeGreaterThan(0);
    });
  });
});
