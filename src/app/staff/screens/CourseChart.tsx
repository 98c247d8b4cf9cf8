// One score over time: an SVG chart the app draws itself (the bands shaded, each value a point, a
// clinically meaningful change from the first value marked), and the same figures as a table, which
// is what a screen reader reads and what prints.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseScore } from '../../../core/index.js';
import { chartBox, courseGeometry } from '../course-geometry.js';
import { hrefFor } from '../routing.js';
import { IsoBmi } from './IsoBmi.js';

const markOf = { improved: '▲', deteriorated: '▼', unchanged: '' } as const;

function useShortDate(): (iso: string) => string {
  const { i18n } = useTranslation('staff');
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nb-NO', { day: 'numeric', month: 'short', year: '2-digit' });
  return (iso) => format.format(new Date(iso));
}

function Chart({ score, titleId }: { score: CourseScore; titleId: string }) {
  const { t } = useTranslation('staff');
  const geometry = courseGeometry(score);
  const shortDate = useShortDate();
  const { width, height, left, right, bottom } = chartBox;
  const line = geometry.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return (
    <svg className="course-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} focusable="false">
      {geometry.stripes.map((stripe, i) => (
        <g key={stripe.label} className={`band band-${i % 4}`}>
          <rect x={left} y={stripe.y} width={width - left - right} height={stripe.height} />
          {stripe.height >= 14 && (
            <text x={width - right - 4} y={stripe.y + 12} textAnchor="end">
              {stripe.label}
            </text>
          )}
        </g>
      ))}
      {geometry.ticks.map((tick) => {
        const y = chartBox.top + ((geometry.max - tick) / (geometry.max - geometry.min)) * (height - chartBox.top - bottom);
        return (
          <g key={tick} className="tick">
            <line x1={left - 4} x2={width - right} y1={y} y2={y} />
            <text x={left - 8} y={y + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        );
      })}
      {geometry.times.map((time) => (
        // The last date ends at the plot's edge rather than running off the drawing.
        <text
          key={time.submissionId}
          className="date"
          x={time.x}
          y={height - 10}
          textAnchor={time.x >= width - right - 1 ? 'end' : 'middle'}
        >
          {shortDate(time.completedAt)}
        </text>
      ))}
      {geometry.points.length > 1 && <polyline className="course-line" points={line} />}
      {geometry.points.map((point) => (
        <g key={point.submissionId} className={`point change-${point.change ?? 'none'}`}>
          <circle cx={point.x} cy={point.y} r={point.change === 'improved' || point.change === 'deteriorated' ? 7 : 5} />
          {point.change && markOf[point.change] && (
            <text x={point.x} y={point.y - 11} textAnchor="middle">
              {markOf[point.change]}
            </text>
          )}
          <title>{`${point.value}${point.change && point.change !== 'unchanged' ? ` (${t(`course.change.${point.change}`)})` : ''}`}</title>
        </g>
      ))}
    </svg>
  );
}

export function CourseChart({ score }: { score: CourseScore }) {
  const { t } = useTranslation('staff');
  const titleId = useId();
  const shortDate = useShortDate();
  const hasValues = score.points.some((p) => p.value !== null);
  return (
    <figure className="course">
      <figcaption>
        <span id={titleId}>{t('course.chartTitle', { title: score.title })}</span>
        {score.better && <span className="hint"> {t(`course.better.${score.better}`)}</span>}
      </figcaption>
      {hasValues ? <Chart score={score} titleId={titleId} /> : <p>{t('course.noValues')}</p>}
      <table>
        <caption className="visually-hidden">{t('course.tableCaption', { title: score.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('course.completed')}</th>
            <th scope="col">{t('course.point')}</th>
            <th scope="col">{t('course.value')}</th>
            <th scope="col">{t('course.band')}</th>
            <th scope="col">{t('course.changeHeading')}</th>
          </tr>
        </thead>
        <tbody>
          {score.points.map((point) => (
            <tr key={point.submissionId}>
              <th scope="row">
                <a href={hrefFor.submission(point.submissionId)}>{shortDate(point.completedAt)}</a>
              </th>
              <td>{point.measurementPoint}</td>
              <td>
                {point.value ?? t('submission.noScore', { reason: point.noScoreReason ?? '—' })}
                <IsoBmi value={point.isoBmi} />
              </td>
              <td>{point.band ?? '—'}</td>
              <td>
                {point.change ? t(`course.change.${point.change}`) : '—'}
                {point.isRemission && ` · ${t('course.remission')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
