// The one rule for showing authored text in a language it may not have: the language asked for,
// else the first of the fallbacks that has it, else any language it has.
import type { LocalisedText } from './definition.js';

export interface ShownText {
  text: string;
  /** Set when the text is in another language than the one asked for, so screen readers pronounce it right. */
  lang?: string;
}

/** The text in `language` (when given), else in the first of `fallbacks` that has it, else in its first language; undefined when it has none. */
export function findLocalised(text: LocalisedText, language: string | null, fallbacks: readonly string[]): ShownText | undefined {
  if (language !== null) {
    const wanted = text[language];
    if (wanted !== undefined) return { text: wanted };
  }
  for (const fallback of fallbacks) {
    const found = text[fallback];
    if (found !== undefined) return { text: found, lang: fallback };
  }
  const [first] = Object.entries(text);
  return first ? { text: first[1], lang: first[0] } : undefined;
}

/** The text in `language` where the definition has it, otherwise in the definition's first language; empty when it has none. */
export function localise(text: LocalisedText, language: string, languages: readonly string[]): ShownText {
  return findLocalised(text, language, languages) ?? { text: '' };
}
