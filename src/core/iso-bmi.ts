// iso-BMI by the IOTF method (Cole and Lobstein 2012): a child's BMI expressed as the adult BMI at 18 on
// the same centile of the IOTF reference, so that the adult cut-offs (18.5, 25, 30) mean the same at every
// age from 2 to 18. Between the reference's half-year ages, L, M and S are interpolated linearly.
import { iotfLms, type LmsRow } from './iotf-lms.js';

export const Sex = { female: 'female', male: 'male' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

export interface Lms {
  l: number;
  m: number;
  s: number;
}

const youngest = iotfLms[0]![0];
const adult = iotfLms[iotfLms.length - 1]![0];
const msPerYear = 365.25 * 24 * 60 * 60 * 1000;

function lmsOf(row: LmsRow, sex: Sex): Lms {
  return sex === Sex.male ? { l: row[1], m: row[2], s: row[3] } : { l: row[4], m: row[5], s: row[6] };
}

/** The reference's L, M and S at an age from 2 to 18 years; undefined outside it. */
export function lmsAt(ageYears: number, sex: Sex): Lms | undefined {
  if (!Number.isFinite(ageYears) || ageYears < youngest || ageYears > adult) return undefined;
  const upper = iotfLms.findIndex((row) => row[0] >= ageYears);
  const high = iotfLms[upper]!;
  if (high[0] === ageYears || upper === 0) return lmsOf(high, sex);
  const low = iotfLms[upper - 1]!;
  const t = (ageYears - low[0]) / (high[0] - low[0]);
  const [a, b] = [lmsOf(low, sex), lmsOf(high, sex)];
  return { l: a.l + t * (b.l - a.l), m: a.m + t * (b.m - a.m), s: a.s + t * (b.s - a.s) };
}

const zOf = (value: number, { l, m, s }: Lms): number => ((value / m) ** l - 1) / (l * s);

function valueOf(z: number, { l, m, s }: Lms): number | undefined {
  const base = 1 + l * s * z;
  // Beyond the reference's range the Box-Cox curve has no value.
  return base > 0 ? m * base ** (1 / l) : undefined;
}

/**
 * The iso-BMI of a BMI measured at an age: the BMI itself from 18 years, undefined under 2 years (the
 * reference starts there) or when the BMI is beyond the reference's range.
 */
export function isoBmi(bmi: number, ageYears: number, sex: Sex): number | undefined {
  if (!(bmi > 0) || !Number.isFinite(ageYears) || ageYears < youngest) return undefined;
  if (ageYears >= adult) return bmi;
  return valueOf(zOf(bmi, lmsAt(ageYears, sex)!), lmsAt(adult, sex)!);
}

/** The BMI at an age that corresponds to an adult BMI (an IOTF cut-off such as 18.5 or 25). */
export function iotfCutOff(adultBmi: number, ageYears: number, sex: Sex): number | undefined {
  const atAge = lmsAt(Math.min(ageYears, adult), sex);
  return atAge && valueOf(zOf(adultBmi, lmsAt(adult, sex)!), atAge);
}

/**
 * Age in years on a day, from a birth month (YYYY-MM, the register's data: the day is not kept), taking
 * the middle of the month (the 15th) as the birthday, which errs by at most about half a month.
 */
export function ageFromBirthMonth(birthMonth: string, at: Date): number | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(birthMonth);
  if (!match) return undefined;
  const born = Date.UTC(Number(match[1]), Number(match[2]) - 1, 15);
  const age = (at.getTime() - born) / msPerYear;
  return age >= 0 ? age : undefined;
}
