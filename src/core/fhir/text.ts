// Localised texts as FHIR writes them: the text in the resource's language, and every other
// language in the translation extension on the element's `_` twin.
import type { Definition, LocalisedText } from '../definition.js';
import { findLocalised } from '../localise.js';
import { Url, type Extension, type PrimitiveElement } from './types.js';

/** The text in the first language that has it (the resource's language first). */
export function primaryText(text: LocalisedText, languages: readonly string[]): string {
  return findLocalised(text, null, languages)?.text ?? '';
}

export function translations(text: LocalisedText, languages: readonly string[]): PrimitiveElement | undefined {
  const [primary] = languages;
  const others = languages.filter((language) => language !== primary && text[language] !== undefined);
  if (others.length === 0) return undefined;
  return {
    extension: others.map((language) => ({
      url: Url.translation,
      extension: [
        { url: 'lang', valueCode: language },
        { url: 'content', valueString: text[language] ?? '' },
      ],
    })),
  };
}

/** `{ text, _text }` (or another element name) for a localised text. */
export function localisedElement<K extends string>(name: K, text: LocalisedText, definition: Definition): Record<string, unknown> {
  const twin = translations(text, definition.languages);
  return { [name]: primaryText(text, definition.languages), ...(twin ? { [`_${name}`]: twin } : {}) };
}

/** The base language of a BCP 47 tag as our format writes it: "nb-NO" → "nb". */
export function baseLanguage(tag: string | undefined): string | undefined {
  const base = tag?.toLowerCase().split('-')[0];
  return base && /^[a-z]{2,3}$/.test(base) ? base : undefined;
}

/** The text in each language found: the element's own in `language`, and its translations. */
export function readLocalised(text: string | undefined, twin: PrimitiveElement | undefined, language: string): LocalisedText {
  const result: LocalisedText = {};
  if (text !== undefined && text.trim() !== '') result[language] = text;
  for (const extension of twin?.extension ?? []) {
    if (extension.url !== Url.translation) continue;
    const lang = baseLanguage(part(extension, 'lang')?.valueCode);
    const content = part(extension, 'content')?.valueString;
    if (lang && content !== undefined && content.trim() !== '' && result[lang] === undefined) result[lang] = content;
  }
  return result;
}

export function part(extension: Extension, url: string): Extension | undefined {
  return extension.extension?.find((e) => e.url === url);
}

export function extensionOf(holder: { extension?: Extension[] } | undefined, url: string): Extension | undefined {
  return holder?.extension?.find((e) => e.url === url);
}

/** The languages a translation extension names, in order. */
export function translatedLanguages(twin: PrimitiveElement | undefined): string[] {
  return (twin?.extension ?? [])
    .filter((e) => e.url === Url.translation)
    .map((e) => baseLanguage(part(e, 'lang')?.valueCode))
    .filter((l): l is string => l !== undefined);
}
