// iso-BMI (core/iso-bmi.ts) against the published IOTF cut-off table (Cole and Lobstein 2012, the
// table of BMI cut-offs by age and sex for adult BMI 16, 17, 18.5, 25, 30 and 35), every age and column.
import { describe, expect, test } from 'vitest';
import { ageFromBirthMonth, iotfCutOff, isoBmi, lmsAt, Sex } from '../../src/core/iso-bmi.js';

const adultCutOffs = [16, 17, 18.5, 25, 30, 35] as const;

/** Age, then the boys' cut-offs for adult BMI 16, 17, 18.5, 25, 30, 35, then the girls'. */
const publishedCutOffs: readonly (readonly number[])[] = [
  [2, 13.6, 14.29, 15.24, 18.36, 19.99, 21.2, 13.4, 14.05, 14.96, 18.09, 19.81, 21.13],
  [2.5, 13.44, 14.11, 15.02, 18.09, 19.73, 20.95, 13.25, 13.88, 14.77, 17.84, 19.57, 20.9],
  [3, 13.3, 13.94, 14.83, 17.85, 19.5, 20.75, 13.11, 13.73, 14.6, 17.64, 19.38, 20.74],
  [3.5, 13.16, 13.79, 14.66, 17.66, 19.33, 20.61, 12.98, 13.59, 14.44, 17.48, 19.25, 20.65],
  [4, 13.04, 13.65, 14.51, 17.52, 19.23, 20.56, 12.85, 13.45, 14.3, 17.36, 19.16, 20.62],
  [4.5, 12.92, 13.53, 14.38, 17.43, 19.2, 20.6, 12.72, 13.31, 14.16, 17.27, 19.14, 20.67],
  [5, 12.8, 13.4, 14.26, 17.39, 19.27, 20.79, 12.59, 13.18, 14.04, 17.23, 19.2, 20.85],
  [5.5, 12.66, 13.27, 14.15, 17.42, 19.46, 21.15, 12.46, 13.06, 13.93, 17.25, 19.36, 21.16],
  [6, 12.54, 13.16, 14.06, 17.52, 19.76, 21.69, 12.34, 12.96, 13.85, 17.33, 19.62, 21.61],
  [6.5, 12.44, 13.07, 14, 17.67, 20.15, 22.35, 12.26, 12.89, 13.81, 17.48, 19.96, 22.19],
  [7, 12.39, 13.04, 14, 17.88, 20.59, 23.08, 12.23, 12.87, 13.83, 17.69, 20.39, 22.88],
  [7.5, 12.39, 13.06, 14.05, 18.12, 21.06, 23.83, 12.25, 12.91, 13.9, 17.96, 20.89, 23.65],
  [8, 12.43, 13.11, 14.13, 18.41, 21.56, 24.61, 12.3, 12.98, 14, 18.28, 21.44, 24.5],
  [8.5, 12.48, 13.19, 14.24, 18.73, 22.11, 25.45, 12.37, 13.07, 14.13, 18.63, 22.04, 25.42],
  [9, 12.54, 13.27, 14.36, 19.07, 22.71, 26.4, 12.44, 13.16, 14.26, 18.99, 22.66, 26.39],
  [9.5, 12.61, 13.36, 14.49, 19.43, 23.34, 27.39, 12.52, 13.27, 14.4, 19.38, 23.31, 27.38],
  [10, 12.7, 13.47, 14.63, 19.8, 23.96, 28.35, 12.63, 13.4, 14.58, 19.78, 23.97, 28.36],
  [10.5, 12.8, 13.59, 14.79, 20.15, 24.54, 29.22, 12.77, 13.57, 14.78, 20.21, 24.62, 29.28],
  [11, 12.91, 13.73, 14.96, 20.51, 25.07, 29.97, 12.94, 13.77, 15.03, 20.66, 25.25, 30.14],
  [11.5, 13.05, 13.89, 15.15, 20.85, 25.56, 30.63, 13.15, 14, 15.3, 21.12, 25.87, 30.93],
  [12, 13.22, 14.07, 15.36, 21.2, 26.02, 31.21, 13.38, 14.26, 15.59, 21.59, 26.47, 31.66],
  [12.5, 13.4, 14.27, 15.59, 21.54, 26.45, 31.73, 13.64, 14.54, 15.91, 22.05, 27.04, 32.33],
  [13, 13.61, 14.5, 15.84, 21.89, 26.87, 32.19, 13.92, 14.84, 16.23, 22.49, 27.57, 32.91],
  [13.5, 13.84, 14.74, 16.11, 22.25, 27.26, 32.61, 14.2, 15.13, 16.55, 22.9, 28.03, 33.39],
  [14, 14.09, 15.01, 16.39, 22.6, 27.64, 32.98, 14.47, 15.43, 16.86, 23.27, 28.42, 33.78],
  [14.5, 14.35, 15.28, 16.69, 22.95, 28, 33.29, 14.74, 15.71, 17.16, 23.6, 28.74, 34.07],
  [15, 14.61, 15.55, 16.98, 23.28, 28.32, 33.56, 15, 15.97, 17.43, 23.89, 29.01, 34.28],
  [15.5, 14.87, 15.82, 17.26, 23.59, 28.61, 33.78, 15.24, 16.21, 17.68, 24.13, 29.22, 34.43],
  [16, 15.12, 16.08, 17.53, 23.89, 28.88, 33.98, 15.45, 16.42, 17.9, 24.34, 29.4, 34.55],
  [16.5, 15.36, 16.33, 17.79, 24.18, 29.15, 34.19, 15.63, 16.61, 18.08, 24.53, 29.55, 34.64],
  [17, 15.59, 16.57, 18.04, 24.46, 29.43, 34.43, 15.78, 16.76, 18.24, 24.7, 29.7, 34.75],
  [17.5, 15.8, 16.79, 18.28, 24.73, 29.71, 34.71, 15.9, 16.89, 18.38, 24.85, 29.85, 34.87],
  [18, 16, 17, 18.5, 25, 30, 35, 16, 17, 18.5, 25, 30, 35],
];

const cases = publishedCutOffs.flatMap(([age, ...cutOffs]) =>
  adultCutOffs.flatMap((adult, index) => [
    { age: age!, sex: Sex.male, adult, published: cutOffs[index]! },
    { age: age!, sex: Sex.female, adult, published: cutOffs[index + adultCutOffs.length]! },
  ]),
);

describe('iso-BMI against the published IOTF cut-offs', () => {
  test('the table has every half year from 2 to 18 for both sexes', () => {
    expect(cases).toHaveLength(33 * 6 * 2);
  });

  test.each(cases)('$sex at $age: adult BMI $adult is $published', ({ age, sex, adult, published }) => {
    // The published table rounds to two decimals, computed from LMS values with more digits than published.
    expect(Math.abs(iotfCutOff(adult, age, sex)! - published)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(isoBmi(published, age, sex)! - adult)).toBeLessThanOrEqual(0.02);
  });
});

describe('iso-BMI between and beyond the table', () => {
  test('between half years L, M and S are interpolated, so iso-BMI moves smoothly with age', () => {
    const atAges = [15, 15.1, 15.25, 15.4, 15.5].map((age) => isoBmi(17.5, age, Sex.female)!);
    for (let i = 1; i < atAges.length; i++) expect(atAges[i]).toBeLessThan(atAges[i - 1]!);
    const middle = lmsAt(15.25, Sex.female)!;
    expect(middle.m).toBeCloseTo((19.683 + 19.934) / 2, 6);
  });

  test('from 18 the BMI is its own iso-BMI; under 2 years and a BMI that is not positive have none', () => {
    expect(isoBmi(17.2, 18, Sex.female)).toBe(17.2);
    expect(isoBmi(17.2, 40, Sex.male)).toBe(17.2);
    expect(isoBmi(15, 1.9, Sex.female)).toBeUndefined();
    expect(isoBmi(0, 12, Sex.female)).toBeUndefined();
    expect(isoBmi(Number.NaN, 12, Sex.female)).toBeUndefined();
  });

  test('a 14-year-old girl with BMI 16.0 is under 18.5 as an adult would be counted (iso-BMI about 17.4)', () => {
    const value = isoBmi(16, 14, Sex.female)!;
    expect(value).toBeLessThan(18.5);
    expect(value).toBeGreaterThan(17);
  });

  test('age from a birth month takes the 15th as the birthday', () => {
    expect(ageFromBirthMonth('2010-06', new Date('2026-06-15T00:00:00Z'))).toBeCloseTo(16, 2);
    expect(ageFromBirthMonth('2010-13', new Date())).toBeUndefined();
    expect(ageFromBirthMonth('2030-01', new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});
