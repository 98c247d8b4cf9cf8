import 'i18next';
import type nb from './locales/nb.json';
import type staffNb from '../staff/locales/nb.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The staff console's namespace (src/app/staff): its own instance, its own bundle.
    resources: { translation: typeof nb; staff: typeof staffNb };
  }
}
