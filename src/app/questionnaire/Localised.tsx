import { localise, type Definition, type LocalisedText } from '../../core/index.js';

/** Authored text as a React text node, marked with its language when it falls back to another. */
export function Localised({ text, definition, language }: { text: LocalisedText; definition: Definition; language: string }) {
  const shown = localise(text, language, definition.languages);
  return shown.lang ? <span lang={shown.lang}>{shown.text}</span> : <>{shown.text}</>;
}
