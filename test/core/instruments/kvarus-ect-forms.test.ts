// The KVARUS and ECT follow-up forms as a whole: each parses, cites its register, has short pages
// in order, and writes nb and nn in their own words.
import { describe, expect, it } from 'vitest';
import { pagesOf, type Definition } from '../../../src/core/index.js';
import {
  allFiles,
  avslutning,
  basis,
  ect,
  evaluationPageIds,
  kvarus,
  load,
  malepunkt,
  oppfolging,
  statusPageIds,
} from './kvarus-ect-forms.js';

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
