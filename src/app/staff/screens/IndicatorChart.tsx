// One quality indicator drawn by the app in SVG: per unit and period the share as a bar and its 95%
// interval as a whisker, on a scale of 0 to 1. The table above carries the same figures, so the
// drawing is hidden from screen readers and its caption says so.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorGroupMessage } from '../../../core/index.js';
import { indicatorBox, indicatorGeometry } from '../indicator-geometry.js';
import { groupKeyOf, shareText, useUnitLabel } from './IndicatorTable.js';

export function IndicatorChart({ title, groups }: { title: string; groups: readonly IndicatorGroupMessage[] }) {
  const { t, i18n } = useTranslation('staff');
  const unitLabel = useUnitLabel();
  const captionId = useId();
  const geometry = indicatorGeometry(
    groups.map((group) => ({ key: groupKeyOf(group), rate: group.isSuppressed ? null : group.rate, interval: group.interval })),
  );
  const { width, left, right } = indicatorBox;
  return (
    <figure className="indicator-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('indicators.chart', { title })}</figcaption>
      <svg viewBox={`0 0 ${width} ${geometry.height}`} width="100%" aria-hidden="true" focusable="false">
        {geometry.ticks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={tick.x}
              x2={tick.x}
              y1={geometry.plotTop}
              y2={geometry.plotBottom}
              className={tick.value === 0 ? 'chart-axis' : 'chart-grid'}
            />
            <text x={tick.x} y={geometry.plotBottom + 16} textAnchor="middle" className="chart-value">
              {shareText(tick.value, i18n.language)}
            </text>
          </g>
        ))}
        {geometry.rows.map((row, index) => {
          const group = groups[index];
          if (!group) return null;
          return (
            <g key={row.key}>
              <text x={left - 8} y={row.y + 5} textAnchor="end" className="chart-label">
                {`${unitLabel(group)} · ${group.period}`}
              </text>
              {row.bar && <rect {...row.bar} className="chart-bar" />}
              {row.whisker && (
                <g className="chart-whisker">
                  <line x1={row.whisker.x1} x2={row.whisker.x2} y1={row.y} y2={row.y} />
                  <line
                    x1={row.whisker.x1}
                    x2={row.whisker.x1}
                    y1={row.y - row.whisker.capHeight / 2}
                    y2={row.y + row.whisker.capHeight / 2}
                  />
                  <line
                    x1={row.whisker.x2}
                    x2={row.whisker.x2}
                    y1={row.y - row.whisker.capHeight / 2}
                    y2={row.y + row.whisker.capHeight / 2}
                  />
                </g>
              )}
              <text x={width - right + 8} y={row.y + 5} className="chart-value">
                {row.isSuppressed || group.rate === null ? t('indicators.chartSuppressed') : shareText(group.rate, i18n.language)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
