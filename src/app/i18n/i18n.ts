// The interface's languages. Bokmål is the source locale: the key type is derived from it, so a
// missing or misspelt key does not compile (see i18next.d.ts). Bokmål, also the fallback, is in the
// first bundle; nynorsk and English are each a chunk of their own, loaded when chosen (precached, so
// that works offline too), and typed against bokmål, so a key they lack does not compile either.
import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import nb from './locales/nb.json';

export const uiLanguages = ['nb', 'nn', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export type Messages = typeof nb;

/** Each language's name in that language, for the switcher. */
export const languageNames: Record<UiLanguage, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

const loaders = {
  nn: () => import('./locales/nn.json'),
  en: () => import('./locales/en.json'),
} satisfies Record<Exclude<UiLanguage, 'nb'>, () => Promise<{ default: Messages }>>;

export async function loadMessages(language: UiLanguage): Promise<Messages> {
  return language === 'nb' ? nb : (await loaders[language]()).default;
}

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

/** Gives i18next the languages that are not bundled, as it asks for them. */
const lazyLocales: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!isUiLanguage(language)) return callback(new Error(`no interface language ${language}`), false);
    loadMessages(language).then(
      (messages) => callback(null, messages),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * An i18next instance in `language`. A language that is not in `bundled` (bokmål always is) is
 * loaded first; until then, components that translate suspend (react-i18next), so the page never
 * shows one language and then another.
 */
export function createI18n(language: UiLanguage, bundled: Partial<Record<UiLanguage, Messages>> = {}): i18n {
  const messages: Partial<Record<UiLanguage, Messages>> = { ...bundled, nb };
  const instance = i18next.createInstance();
  void instance
    .use(lazyLocales)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(Object.entries(messages).map(([lng, translation]) => [lng, { translation }])),
      partialBundledLanguages: true,
      lng: language,
      fallbackLng: 'nb',
      supportedLngs: [...uiLanguages],
      interpolation: { escapeValue: false }, // React escapes; nothing is injected as HTML
      initAsync: false,
      returnNull: false,
    });
  return instance;
}
