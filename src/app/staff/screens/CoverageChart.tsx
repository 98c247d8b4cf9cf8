// The response rate of each coverage group as bars, drawn by the app in SVG (no chart library). The
// figures are the table's: the chart is named by its caption and each bar carries its figure, so a
// screen reader that reaches it hears the same as in the table.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { percentText } from './EnrolmentParts.js';

export interface ChartBar {
  key: string;
  label: string;
  /** 0–1; null when the group is "fewer than 5". */
  rate: number | null;
}

const width = 640;
const labelHeight = 18;
const barHeight = 16;
const rowHeight = labelHeight + barHeight + 12;
const valueRoom = 120;

export function CoverageChart({ bars, caption }: { bars: readonly ChartBar[]; caption: string }) {
  const { t, i18n } = useTranslation('staff');
  const id = useId();
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const barRoom = width - valueRoom;
  const valueOf = (bar: ChartBar) => (bar.rate === null ? t('plans.coverage.fewerThan5') : percentText(bar.rate, i18n.language));
  return (
    <figure className="coverage-chart">
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-caption ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <desc id={`${id}-desc`}>{bars.map((bar) => `${bar.label}: ${valueOf(bar)}`).join('; ')}</desc>
        {/* 0 %, 50 % and 100 % lines, so a bar's length can be read against them. */}
        {[0, 0.5, 1].map((mark) => (
          <line
            key={mark}
            x1={mark * barRoom}
            x2={mark * barRoom}
            y1={0}
            y2={height}
            className={mark === 0 ? 'chart-axis' : 'chart-grid'}
          />
        ))}
        {bars.map((bar, index) => {
          const top = index * rowHeight + 4;
          return (
            <g key={bar.key}>
              <title>{`${bar.label}: ${valueOf(bar)}`}</title>
              <text x={4} y={top + labelHeight - 4} className="chart-label">
                {bar.label}
              </text>
              {bar.rate === null ? (
                <rect x={0} y={top + labelHeight} width={barRoom} height={barHeight} className="chart-suppressed" />
              ) : (
                <rect x={0} y={top + labelHeight} width={Math.max(1, bar.rate * barRoom)} height={barHeight} className="chart-bar" />
              )}
              <text x={barRoom + 8} y={top + labelHeight + barHeight - 3} className="chart-value">
                {valueOf(bar)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
