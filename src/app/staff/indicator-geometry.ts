// The figures of an indicator's chart, computed apart from drawing so that they can be checked by
// hand: one row per unit and period, the share as a bar from 0 and its 95% interval as a whisker, on
// a fixed scale of 0 to 1 (a share is always within it, so units and periods compare at a glance). A
// suppressed group has no bar and no whisker: only its row, marked as such.

export interface IndicatorBox {
  width: number;
  /** Room for the unit and period on the left, the value on the right. */
  left: number;
  right: number;
  top: number;
  /** Room for the scale's labels below the rows. */
  bottom: number;
  rowHeight: number;
}

export const indicatorBox: IndicatorBox = { width: 700, left: 240, right: 100, top: 8, bottom: 24, rowHeight: 32 };

/** One group as the chart reads it; null figures when it is suppressed. */
export interface IndicatorBarInput {
  key: string;
  rate: number | null;
  interval: { low: number; high: number } | null;
}

export interface PlacedIndicatorRow {
  key: string;
  /** The row's middle line, where the whisker runs and the labels sit. */
  y: number;
  isSuppressed: boolean;
  /** The bar from the scale's 0 to the share; absent when suppressed. */
  bar?: { x: number; y: number; width: number; height: number };
  /** The interval's ends; absent when suppressed or when the register gave none. */
  whisker?: { x1: number; x2: number; capHeight: number };
}

export interface IndicatorGeometry {
  height: number;
  /** The scale's marks (0, 25, 50, 75 and 100%) and where they are. */
  ticks: { value: number; x: number }[];
  rows: PlacedIndicatorRow[];
  plotTop: number;
  plotBottom: number;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

export function indicatorGeometry(groups: readonly IndicatorBarInput[], box: IndicatorBox = indicatorBox): IndicatorGeometry {
  const plotWidth = box.width - box.left - box.right;
  const xOf = (share: number) => box.left + clamp(share) * plotWidth;
  const plotBottom = box.top + groups.length * box.rowHeight;
  const barHeight = box.rowHeight / 2;
  return {
    height: plotBottom + box.bottom,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, x: xOf(value) })),
    plotTop: box.top,
    plotBottom,
    rows: groups.map((group, index) => {
      const y = box.top + index * box.rowHeight + box.rowHeight / 2;
      if (group.rate === null) return { key: group.key, y, isSuppressed: true };
      return {
        key: group.key,
        y,
        isSuppressed: false,
        bar: { x: box.left, y: y - barHeight / 2, width: xOf(group.rate) - box.left, height: barHeight },
        ...(group.interval ? { whisker: { x1: xOf(group.interval.low), x2: xOf(group.interval.high), capHeight: barHeight } } : {}),
      };
    }),
  };
}
