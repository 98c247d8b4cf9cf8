// The Wilson score interval for a proportion, the 95% interval the registers' annual reports give.

const z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The 95% Wilson interval of `successes` out of `total`; undefined for an empty total. */
export function wilsonInterval(successes: number, total: number): Interval | undefined {
  if (!(total > 0) || successes < 0 || successes > total) return undefined;
  const p = successes / total;
  const z2 = z95 * z95;
  const divisor = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / divisor;
  const half = (z95 * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / divisor;
  // At 0 and at every success the bound is exactly 0 or 1; the arithmetic would leave a rounding error.
  return { low: successes === 0 ? 0 : centre - half, high: successes === total ? 1 : centre + half };
}
