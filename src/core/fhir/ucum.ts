// Units as UCUM (the Unified Code for Units of Measure, which FHIR's questionnaire-unit extension
// expects): the unit words the definitions write, in any of their languages, and their UCUM codes.
// A unit not listed here is exported under the definition's own code system, and the export says so.

export const ucumSystem = 'http://unitsofmeasure.org';

const ucumByWord: ReadonlyMap<string, string> = new Map(
  (
    [
      ['kg', ['kg', 'kilo', 'kilogram']],
      ['g', ['g', 'gram']],
      ['cm', ['cm', 'centimeter', 'centimetre', 'centimetar']],
      ['m', ['m', 'meter', 'metre']],
      ['kg/m2', ['kg/m2', 'kg/m²']],
      ['min', ['min', 'minutes', 'minutter', 'minutt', 'minutt(ar)']],
      ['h', ['h', 'hours', 'timer', 'timar', 'time']],
      ['d', ['d', 'days', 'dager', 'dagar', 'døgn']],
      ['wk', ['wk', 'weeks', 'uker', 'veker']],
      ['mo', ['mo', 'months', 'måneder', 'månader']],
      ['a', ['a', 'years', 'år']],
      // a count of occasions: UCUM's unity with an annotation
      ['{times}', ['times', 'ganger', 'gonger']],
      ['{drinks}', ['drinks', 'enheter', 'einingar', 'alkoholenheter']],
      ['%', ['%', 'percent', 'prosent']],
    ] as const
  ).flatMap(([code, words]) => words.map((word) => [word, code] as const)),
);

/** The UCUM code of a unit written in one or more languages, when every language names the same one. */
export function ucumCodeOf(unit: Readonly<Record<string, string | undefined>>): string | undefined {
  const codes = new Set(Object.values(unit).map((word) => (word === undefined ? undefined : ucumByWord.get(word.trim().toLowerCase()))));
  const [code] = codes;
  return codes.size === 1 ? code : undefined;
}
