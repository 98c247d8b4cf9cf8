// One quality indicator's table: per unit and period its numerator, denominator, share and 95%
// interval, and coverage, marked in words when under 60%; a suppressed group (fewer than five) shows
// that it is, never its figures.
import { useTranslation } from 'react-i18next';
import type { IndicatorGroupMessage } from '../../../core/index.js';

const locales = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' } as const;
const localeOf = (language: string): string => (language === 'nn' || language === 'en' ? locales[language] : locales.nb);

/** A share 0–1 with two decimals in the staff member's language (nb: "0,42"). */
export function shareText(share: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(share);
}

/** Coverage as a whole percent. */
export function coverageText(coverage: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(coverage);
}

export const groupKeyOf = (group: IndicatorGroupMessage) => `${group.unit ?? ''}\n${group.period}`;

/** The unit's name, or the units together for the register's line across them. */
export function useUnitLabel(): (group: IndicatorGroupMessage) => string {
  const { t } = useTranslation('staff');
  return (group) => group.unit ?? t('indicators.together');
}

interface IndicatorTableProps {
  id: string;
  title: string;
  groups: readonly IndicatorGroupMessage[];
}

export function IndicatorTable({ id, title, groups }: IndicatorTableProps) {
  const { t, i18n } = useTranslation('staff');
  const unitLabel = useUnitLabel();
  const language = i18n.language;
  const captionId = `${id}-caption`;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="indicator-table">
        <caption id={captionId}>{t('indicators.table', { title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.columns.unit')}</th>
            <th scope="col">{t('indicators.columns.period')}</th>
            <th scope="col" className="number">
              {t('indicators.columns.numerator')}
            </th>
            <th scope="col" className="number">
              {t('indicators.columns.denominator')}
            </th>
            <th scope="col" className="number">
              {t('indicators.columns.share')}
            </th>
            <th scope="col" className="number">
              {t('indicators.columns.interval')}
            </th>
            <th scope="col" className="number">
              {t('indicators.columns.coverage')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={groupKeyOf(group)} className={group.unit === null ? 'together' : undefined}>
              <th scope="row">{unitLabel(group)}</th>
              <td>{group.period}</td>
              {group.isSuppressed ? (
                <td colSpan={5} className="suppressed">
                  {t('indicators.suppressed')}
                </td>
              ) : (
                <>
                  <td className="number">{group.numerator ?? '—'}</td>
                  <td className="number">{group.denominator ?? '—'}</td>
                  <td className="number">{group.rate === null ? '—' : shareText(group.rate, language)}</td>
                  <td className="number interval">
                    {group.interval
                      ? t('indicators.interval', {
                          low: shareText(group.interval.low, language),
                          high: shareText(group.interval.high, language),
                        })
                      : '—'}
                  </td>
                  <td className={group.isLowCoverage ? 'number low-coverage' : 'number'}>
                    {group.coverage === null
                      ? '—'
                      : group.isLowCoverage
                        ? t('indicators.lowCoverage', { coverage: coverageText(group.coverage, language) })
                        : coverageText(group.coverage, language)}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
