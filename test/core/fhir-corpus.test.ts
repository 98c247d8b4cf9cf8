// Real-world R4 Questionnaires (test/fixtures/fhir-corpus, see SOURCES.md there) imported, checked,
// exported and compared item by item: every item carried over comes back with the source's linkId
// and codes, and every option with the source's code and system; each top-level repeating group
// comes back repeating, and a response with two of its entries is valid R4.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answers, GroupItem } from '../../src/core/index.js';
import {
  fromFhirQuestionnaire,
  toFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  valueSetsIn,
  type Coding,
  type Questionnaire,
  type QuestionnaireItem,
} from '../../src/core/fhir/index.js';
import { findValueSet, optionsOfValueSet } from '../../src/core/fhir/import-value-sets.js';
import { parseDefinition, type ParsedDefinition } from '../../src/core/parse-definition.js';
import { r4Validation } from './fhir-schema.js';
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

const { expectValid } = r4Validation();

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

const occursUrl = (which: 'min' | 'max') => `http://hl7.org/fhir/StructureDefinition/questionnaire-${which}Occurs`;

/** What a repeating group of the source is here: its minOccurs (else 1 when required, else 0) and maxOccurs (else 10), within 50. */
function expectedRepeats(item: QuestionnaireItem) {
  const occurs = (which: 'min' | 'max') => item.extension?.find((e) => e.url === occursUrl(which))?.valueInteger;
  const max = Math.min(occurs('max') ?? 10, 50);
  return { min: Math.min(occurs('min') ?? (item.required === true ? 1 : 0), max), max };
}

/** Every group inside another group, at any depth. */
const nestedGroups = (items: readonly QuestionnaireItem[] | undefined): QuestionnaireItem[] =>
  (items ?? []).flatMap((item) =>
    (item.item ?? []).flatMap((child) => [...(child.type === 'group' ? [child] : []), ...nestedGroups([child])]),
  );

/** Answers that fill two entries of a repeating group: each unconditional text, number and yes-no item in each. */
function twoEntries(group: GroupItem): Answers {
  const answers: Answers = { [group.id]: { value: ['1', '2'] } };
  for (const entry of ['1', '2'])
    for (const item of group.items) {
      if (item.visibleWhen) continue;
      const key = `${group.id}.${entry}.${item.id}`;
      if (item.kind === 'text' || item.kind === 'long-text') answers[key] = { value: `entry ${entry}` };
      else if (item.kind === 'integer') answers[key] = { value: item.min ?? 1 };
      else if (item.kind === 'yes-no') answers[key] = { value: entry === '1' };
    }
  return answers;
}

const repeatingFiles = new Set<string>();
/** The repeating groups whose two entries were found in a response, by linkId. */
const entriesFound = new Set<string>();

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
      expectValid(questionnaire);

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

    it('makes each top-level repeating group repeat, exports it so, and reports each repeating group inside another', () => {
      const parsed = parseDefinition(imported.definition);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const ours = new Map(parsed.definition.items.map((item) => [item.linkId ?? item.id, item]));
      const exported = byLinkId(toFhirQuestionnaire(parsed).questionnaire.item);
      for (const item of source.item ?? []) {
        const carried = ours.get(item.linkId);
        if (item.type !== 'group' || !carried) continue;
        expect(carried.kind === 'group' ? carried.repeats : undefined, item.linkId).toEqual(
          item.repeats ? expectedRepeats(item) : undefined,
        );
        expect(exported.get(item.linkId)?.repeats, item.linkId).toBe(item.repeats === true ? true : undefined);
        if (item.repeats) repeatingFiles.add(file);
      }
      for (const group of nestedGroups(source.item).filter((g) => g.repeats))
        expect(imported.report.some((line) => line.startsWith(`the group "${group.linkId}" repeats in FHIR`))).toBe(true);
      for (const group of parsed.definition.items) if (group.kind === 'group' && group.repeats) expectTwoEntries(parsed, group);
    });
  });

  it('has top-level repeating groups from public sources, carried over as such', () => {
    expect([...repeatingFiles].sort()).toEqual([
      'lforms/questionnaire-calculatedExpression.json',
      'lforms/ussg-fhp.json',
      'refero/nested-repeats.json',
    ]);
    expect([...entriesFound].sort()).toEqual(['/54114-4', '1', 'repeating-group']);
  });
});

/** A response with two entries of the group: valid R4, with one item per entry answered. */
function expectTwoEntries(parsed: ParsedDefinition, group: GroupItem) {
  const answers = twoEntries(group);
  const response = toFhirQuestionnaireResponse({
    parsed,
    submissionId: 'corpus',
    answers,
    language: parsed.definition.languages[0] ?? 'en',
    completedAt: '2026-12-05T08:00:00Z',
  });
  expectValid(response);
  const perEntry = Object.keys(answers).filter((key) => key.startsWith(`${group.id}.1.`)).length;
  if (group.visibleWhen || perEntry === 0) return;
  expect(response.item?.filter((i) => i.linkId === (group.linkId ?? group.id)).map((i) => i.item?.length)).toEqual([perEntry, perEntry]);
  entriesFound.add(group.linkId ?? group.id);
}
