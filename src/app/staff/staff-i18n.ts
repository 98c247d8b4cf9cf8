// The console's texts: a namespace of their own ("staff"), bundled with the console only, so the
// patient's bundle carries none of them. All three languages are in the console's chunk: the
// printed letter is in the patient's language, whatever language the staff member reads.
import i18next, { type i18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, uiLanguages, type UiLanguage } from '../i18n/i18n.js';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nn from './locales/nn.json';

export type StaffMessages = typeof nb;
const messages = { nb, nn, en } satisfies Record<UiLanguage, StaffMessages>;

const storageKey = 'svar-staff-language';

export function initialStaffLanguage(): UiLanguage {
  const stored = localStorage.getItem(storageKey);
  return stored === 'nb' || stored === 'nn' || stored === 'en' ? stored : detectLanguage(navigator.languages);
}

export function rememberStaffLanguage(language: UiLanguage): void {
  localStorage.setItem(storageKey, language);
}

export function createStaffI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(messages).map(([lng, staff]) => [lng, { staff }])),
    lng: language,
    fallbackLng: 'nb',
    supportedLngs: [...uiLanguages],
    ns: ['staff'],
    defaultNS: 'staff',
    interpolation: { escapeValue: false }, // React escapes; nothing is injected as HTML
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export type StaffT = TFunction<'staff'>;
