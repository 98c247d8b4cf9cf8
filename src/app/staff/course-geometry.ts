// The figures of a score's course chart, computed apart from drawing so that they can be checked by
// hand: where each value sits, the scale's ends and ticks, and the bands' shaded stripes. Time runs
// left to right in proportion to the days between answers; the value axis covers every value and
// every band's bound, with a little room above and below.
import type { CourseScore } from '../../core/index.js';

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the value axis's labels on the left, and the dates below. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const chartBox: ChartBox = { width: 640, height: 240, left: 48, bottom: 32, top: 12, right: 16 };

export interface PlacedPoint {
  submissionId: string;
  x: number;
  y: number;
  value: number;
  change: CourseScore['points'][number]['change'];
}

export interface CourseGeometry {
  min: number;
  max: number;
  ticks: number[];
  points: PlacedPoint[];
  stripes: { label: string; y: number; height: number }[];
  /** x of each answer, values or not (the date labels). */
  times: { submissionId: string; x: number; completedAt: string }[];
}

/** A step of 1, 2 or 5 times a power of ten that gives about five ticks. */
function tickStep(span: number): number {
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return step;
}

export function courseGeometry(score: CourseScore, box: ChartBox = chartBox): CourseGeometry {
  const values = score.points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const bounds = score.bands.flatMap((b) => [b.from, b.to]).filter((v): v is number => v !== null);
  const all = [...values, ...bounds];
  let low = all.length ? Math.min(...all) : 0;
  let high = all.length ? Math.max(...all) : 1;
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const step = tickStep(high - low);
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1000; t += step) ticks.push(Number(t.toFixed(10)));

  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const yOf = (value: number) => box.top + ((max - value) / (max - min)) * plotHeight;
  const times = score.points.map((p) => Date.parse(p.completedAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const xOf = (time: number) => (last === first ? box.left + plotWidth / 2 : box.left + ((time - first) / (last - first)) * plotWidth);

  const placed = score.points.map((p, i) => ({ point: p, x: xOf(times[i] ?? first) }));
  return {
    min,
    max,
    ticks,
    points: placed.flatMap(({ point, x }) =>
      point.value === null ? [] : [{ submissionId: point.submissionId, x, y: yOf(point.value), value: point.value, change: point.change }],
    ),
    stripes: score.bands.map((band) => {
      const top = yOf(Math.min(band.to ?? max, max));
      const bottom = yOf(Math.max(band.from ?? min, min));
      return { label: band.label, y: top, height: Math.max(0, bottom - top) };
    }),
    times: placed.map(({ point, x }) => ({ submissionId: point.submissionId, x, completedAt: point.completedAt })),
  };
}
