import type { LocalisedText } from '../core/index.js';

export interface ShownText {
  text: string;
  /** Set when the text is in another language than the one asked for, so screen readers pronounce it right. */
  lang?: string;
}

/** The text in `language` where the definition has it, otherwise in the definition's first language. */
export function localise(text: LocalisedText, language: string, languages: readonly string[]): ShownText {
  const wanted = text[language];
  if (wanted !== undefined) return { text: wanted };
  for (const fallback of languages) {
    const found = text[fallback];
    if (found !== undefined) return { text: found, lang: fallback };
  }
  const [first] = Object.entries(text);
  return first ? { text: first[1], lang: first[0] } : { text: '' };
}
