// Small pieces the console's screens share: a heading that takes focus when a screen opens, labelled
// fields with their messages, translated refusals and local times.
import { useId, useLayoutEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffApiError } from './api.js';
import type { StaffT } from './staff-i18n.js';

/**
 * The screen's h1; it takes focus when the screen opens so a screen reader starts there. It does so
 * as the heading is put in the page (a layout effect), so nothing can find the new screen before its
 * heading has focus.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** A labelled input; its hint and its error are read with it. */
export function Field({ label, hint, error, ...input }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...input} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const knownCodes = [
  'network',
  'badRequest',
  'unauthorized',
  'forbidden',
  'notFound',
  'rateLimited',
  'signInFailed',
  'secondFactorRequired',
  'csrfFailed',
  'passwordTooShort',
  'usernameTaken',
  'linkInvalid',
  'oidcFailed',
  'oidcNoAccount',
  'oidcUnavailable',
  'patientRefLooksLikeNationalId',
  'unknownQuestionnaire',
  'definitionChanged',
  'unavailable',
] as const;

/** A refusal or failure in words for staff; what was wrong, never what was typed. */
export function errorText(t: StaffT, error: unknown): string {
  if (!(error instanceof StaffApiError)) return t('error.unknown', { code: error instanceof Error ? error.message : String(error) });
  const code = knownCodes.find((known) => known === error.code);
  if (code === 'badRequest') return t('error.badRequest', { details: error.details.join('; ') || '—' });
  return code ? t(`error.${code}`) : t('error.unknown', { code: error.code });
}

/** A refusal shown where it happened; announced by role=alert. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('staff');
  if (error === undefined || error === null) return null;
  return (
    <p className="form-error" role="alert">
      {errorText(t, error)}
    </p>
  );
}

/** A time as staff (or, in the letter, the patient) read it, in their language. */
export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : language === 'nn' ? 'nn-NO' : 'nb-NO', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

export function useFormatTime(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation('staff');
  return (iso) => formatTime(iso, i18n.language);
}

/** yyyy-mm-dd of a local day, for date inputs. */
export const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The start of a local day (yyyy-mm-dd), plus some days, as an ISO time. */
export function dayStart(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + plusDays).toISOString();
}

/** The last moment of a local day (yyyy-mm-dd), as an ISO time: an order "valid until" a day includes it. */
export const dayEnd = (day: string): string => new Date(new Date(dayStart(day, 1)).getTime() - 1).toISOString();
