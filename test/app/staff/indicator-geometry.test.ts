// The figures of an indicator's chart, worked out by hand. Box 700 wide, the plot from x 240 to 600
// (360 wide, share 0 to 1), rows 32 high from y 8, so row n's middle line is at 8 + 32n + 16, its bar
// half a row (16) high around it, and 24 below the last row for the scale.
import { describe, expect, it } from 'vitest';
import { indicatorGeometry } from '../../../src/app/staff/indicator-geometry.js';

const groups = [
  // NorSpis cia_improved, unit A 2026-Q2: 3 of 5, Wilson 0.2307 to 0.8824 (test/server/indicators.test.ts)
  { key: 'A', rate: 0.6, interval: { low: 0.2307, high: 0.8824 } },
  // fewer than five: no figures at all
  { key: 'B', rate: null, interval: null },
  { key: 'together', rate: 0.5, interval: { low: 0.25, high: 0.75 } },
  // a share of 1 with its interval reaching the scale's end
  { key: 'C', rate: 1, interval: { low: 0.9, high: 1 } },
];

describe('the figures of an indicator chart (worked by hand)', () => {
  it('is 8 + 4 × 32 + 24 = 160 high, with the scale at 0, 0.25, 0.5, 0.75 and 1 every 90', () => {
    const g = indicatorGeometry(groups);
    expect(g.height).toBe(160);
    expect([g.plotTop, g.plotBottom]).toEqual([8, 136]);
    expect(g.ticks).toEqual([
      { value: 0, x: 240 },
      { value: 0.25, x: 330 },
      { value: 0.5, x: 420 },
      { value: 0.75, x: 510 },
      { value: 1, x: 600 },
    ]);
  });

  it('draws the share as a bar from 0: width = 360 × share, 16 high around the row middle', () => {
    const g = indicatorGeometry(groups);
    expect(g.rows.map((row) => [row.key, row.y, row.bar])).toEqual([
      ['A', 24, { x: 240, y: 16, width: 216, height: 16 }],
      ['B', 56, undefined],
      ['together', 88, { x: 240, y: 80, width: 180, height: 16 }],
      ['C', 120, { x: 240, y: 112, width: 360, height: 16 }],
    ]);
  });

  it('draws the interval as a whisker: x = 240 + 360 × bound (0.2307 → 323.052, 0.8824 → 557.664)', () => {
    const g = indicatorGeometry(groups);
    const whiskers = g.rows.map((row) => row.whisker && [Number(row.whisker.x1.toFixed(3)), Number(row.whisker.x2.toFixed(3))]);
    expect(whiskers).toEqual([[323.052, 557.664], undefined, [330, 510], [564, 600]]);
    expect(g.rows[0]?.whisker?.capHeight).toBe(16);
  });

  it('marks a suppressed group as such and draws none of its figures', () => {
    const [, suppressed] = indicatorGeometry(groups).rows;
    expect(suppressed).toEqual({ key: 'B', y: 56, isSuppressed: true });
  });

  it('has no rows, only the scale, when there are no groups', () => {
    const g = indicatorGeometry([]);
    expect([g.height, g.rows]).toEqual([32, []]);
  });
});
