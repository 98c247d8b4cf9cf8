import { useTranslation } from 'react-i18next';

/** Dates and times as people in the chosen language write them. */
export function useFormatDate(): (iso: string, withTime?: boolean) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : i18n.language === 'nn' ? 'nn-NO' : 'nb-NO';
  return (iso, withTime = true) =>
    new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' }).format(new Date(iso));
}
