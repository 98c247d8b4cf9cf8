// Translations the way Helsenorge publishes them: one Questionnaire per language, with the same
// canonical URL and version, gathered in a Bundle. Export writes such a Bundle on request (the
// translation extension stays the default); import reads one back into a single definition.
import type { DefinitionInput } from '../definition.js';
import type { ParsedDefinition } from '../parse-definition.js';
import { parseDefinition } from '../parse-definition.js';
import { toFhirQuestionnaire, type QuestionnaireExport } from './export-questionnaire.js';
import { fromFhirQuestionnaire, type ImportOptions, type QuestionnaireImport } from './import-questionnaire.js';
import { resourceId } from './naming.js';
import { baseLanguage } from './text.js';
import type { Questionnaire } from './types.js';

export interface LanguageBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: Questionnaire }[];
}

/** One Questionnaire per language of the definition, each in its language alone. */
export function toFhirLanguageBundle(parsed: ParsedDefinition): { bundle: LanguageBundle; notes: string[] } {
  const { definition } = parsed;
  const exports: QuestionnaireExport[] = definition.languages.map((language) =>
    toFhirQuestionnaire({ ...parsed, definition: { ...definition, languages: [language] } }),
  );
  const entry = exports.map(({ questionnaire }) => {
    const id = `${resourceId(definition.id, definition.version).slice(0, 60)}-${questionnaire.language ?? ''}`;
    return { fullUrl: `urn:uuid:${id}`, resource: { ...questionnaire, id } };
  });
  return { bundle: { resourceType: 'Bundle', type: 'collection', entry }, notes: exports[0]?.notes ?? [] };
}

export function isBundle(input: unknown): input is { resourceType: 'Bundle'; entry?: { resource?: unknown }[] } {
  return typeof input === 'object' && input !== null && (input as { resourceType?: unknown }).resourceType === 'Bundle';
}

/** A Bundle of one questionnaire's language versions as one definition; the first entry's language leads. */
export function fromFhirLanguageBundle(bundle: { entry?: { resource?: unknown }[] }, options: ImportOptions = {}): QuestionnaireImport {
  const questionnaires = (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter(
      (r): r is Questionnaire => typeof r === 'object' && r !== null && (r as { resourceType?: unknown }).resourceType === 'Questionnaire',
    );
  const [first, ...others] = questionnaires;
  if (!first) return { report: ['the Bundle holds no Questionnaire'], problems: [], leftOut: [] };
  const identity = (q: Questionnaire) => `${q.url ?? q.name ?? q.id ?? ''}|${q.version ?? ''}`;
  const report: string[] = [];
  const base = fromFhirQuestionnaire(first, options);
  report.push(...base.report);
  if (!base.definition) return { report, problems: base.problems, leftOut: base.leftOut };
  const definition = JSON.parse(JSON.stringify(base.definition)) as DefinitionInput & { languages: string[] };
  for (const other of others) {
    const language = baseLanguage(other.language);
    const name = other.id ?? other.name ?? 'a Questionnaire';
    if (identity(other) !== identity(first)) {
      report.push(`${name} is another questionnaire (${identity(other)}) than the first (${identity(first)}): left out`);
      continue;
    }
    if (!language || definition.languages.includes(language)) {
      report.push(`${name} ${language ? `is in ${language} again` : 'names no language'}: left out`);
      continue;
    }
    const imported = fromFhirQuestionnaire(other, options);
    if (!imported.definition) {
      report.push(`${name} (${language}) could not be read: left out`, ...imported.report);
      continue;
    }
    const mismatches: string[] = [];
    addLanguage(definition, imported.definition, language, '$', mismatches);
    if (mismatches.length > 0)
      report.push(
        `${name} (${language}) differs from the first in structure; its texts are left out at ${mismatches.slice(0, 5).join(', ')}`,
      );
    definition.languages.push(language);
  }
  const parsed = parseDefinition(definition);
  return { definition, report, problems: parsed.ok ? [] : parsed.problems, leftOut: base.leftOut };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Adds the texts in `language` from `other` (the same questionnaire, imported from its version in that
 * language) to `base`, walking both in step: a localised text in `other` is an object whose only key is
 * the language. Where the two differ in shape, the path is noted and nothing is taken from there.
 */
function addLanguage(base: unknown, other: unknown, language: string, path: string, mismatches: string[]): void {
  if (Array.isArray(base) && Array.isArray(other)) {
    if (base.length !== other.length) mismatches.push(path);
    else base.forEach((child, i) => addLanguage(child, other[i], language, `${path}[${i}]`, mismatches));
    return;
  }
  if (!isRecord(base) || !isRecord(other)) return;
  if (typeof base.id === 'string' && typeof other.id === 'string' && base.id !== other.id) {
    mismatches.push(path);
    return;
  }
  for (const [key, value] of Object.entries(other)) {
    if (isRecord(value) && Object.keys(value).length === 1 && typeof value[language] === 'string') {
      const target = base[key];
      if (isRecord(target)) target[language] ??= value[language];
    } else if (key in base) addLanguage(base[key], value, language, `${path}.${key}`, mismatches);
  }
}
