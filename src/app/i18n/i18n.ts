// The interface's languages. Bokmål is the source locale: the key type is derived from it, so a
// missing or misspelt key does not compile (see i18next.d.ts).
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nn from './locales/nn.json';

export const uiLanguages = ['nb', 'nn', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** Each language's name in that language, for the switcher. */
export const languageNames: Record<UiLanguage, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

export const resources = { nb: { translation: nb }, nn: { translation: nn }, en: { translation: en } } as const;

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as readonly string[]).includes(value);
}

/** The first of the browser's languages that we speak; Norwegian without a written standard means bokmål. */
export function detectLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no') return 'nb';
    if (base === 'nn') return 'nn';
    if (base === 'en') return 'en';
  }
  return 'nb';
}

export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'nb',
    supportedLngs: [...uiLanguages],
    interpolation: { escapeValue: false }, // React escapes; nothing is injected as HTML
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
