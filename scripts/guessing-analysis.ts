// What the strongest attacker we model can reach by guessing access codes, computed from the
// register's own constants: the code space, the per-address limits and the proof of work. A section
// of the reliability report (scripts/reliability.ts); the reasoning is in docs/architecture.md.
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_BITS, ACCESS_CODE_LENGTH } from '../src/core/access-code.js';
import { claimLimits } from '../src/server/claim-admission.js';
import { proofOfWorkLimits } from '../src/server/proof-of-work.js';

export interface GuessingAssumptions {
  /** Distinct addresses the attacker guesses from, each its own limit (an IPv4 address or an IPv6 /64). */
  attackerAddresses: number;
  /** Orders open at once, nationally: any one of their codes is a hit. */
  openOrders: number;
  /** SHA-256 hashes a second the attacker computes proofs with (about one modern GPU). */
  attackerHashesPerSecond: number;
}

export const guessingAssumptions: GuessingAssumptions = {
  attackerAddresses: 1_000_000,
  openOrders: 100_000,
  attackerHashesPerSecond: 1e10,
};

const daysPerYear = 365.25;

/** Significant figures for the report: the inputs are estimates. */
const round = (value: number) => Number(value.toPrecision(3));

export function guessingAnalysis(assumptions: GuessingAssumptions = guessingAssumptions) {
  const { attackerAddresses, openOrders, attackerHashesPerSecond } = assumptions;
  const codeSpace = ACCESS_CODE_ALPHABET.length ** ACCESS_CODE_LENGTH;
  const windowsPerDay = (24 * 60) / claimLimits.windowMinutes;
  // One address may fail perAddress times a window, and no more than perAddressPerDay a day.
  const perAddressPerDay = Math.min(claimLimits.perAddressPerDay, claimLimits.perAddress * windowsPerDay);
  const guessesPerYear = attackerAddresses * perAddressPerDay * daysPerYear;
  // Drawing codes without repeats, the expected number of draws until the first of n valid ones among S is (S + 1) / (n + 1).
  const expectedGuesses = (codeSpace + 1) / (openOrders + 1);
  const expectedYears = expectedGuesses / guessesPerYear;
  const withoutDailyCapYears = expectedGuesses / (attackerAddresses * claimLimits.perAddress * windowsPerDay * daysPerYear);
  const hashesPerGuess = 2 ** proofOfWorkLimits.maxBits;
  const proofHashesPerYear = guessesPerYear * hashesPerGuess;
  return {
    assumptions,
    codeBits: round(ACCESS_CODE_BITS),
    codeSpace,
    limits: { ...claimLimits, perAddressPerDayEffective: perAddressPerDay },
    guessesPerYear: round(guessesPerYear),
    expectedGuesses: round(expectedGuesses),
    expectedYears: round(expectedYears),
    /** The chance of at least one hit within a year: about guesses × n / S while that is small. */
    chanceWithinOneYear: round(1 - Math.exp(-guessesPerYear / expectedGuesses)),
    withoutDailyCapYears: round(withoutDailyCapYears),
    proofOfWork: {
      maxBits: proofOfWorkLimits.maxBits,
      hashesPerGuess,
      hashesPerYear: round(proofHashesPerYear),
      attackerComputeDaysPerYear: round(proofHashesPerYear / attackerHashesPerSecond / 86_400),
    },
    isOverHundredYears: expectedYears > 100,
  };
}

export type GuessingAnalysis = ReturnType<typeof guessingAnalysis>;

/** Three significant figures; from a million on as a power of ten. */
function number(value: number): string {
  if (value < 1e6) return value.toLocaleString('en-GB', { maximumSignificantDigits: 3 });
  const [mantissa, exponent] = value.toExponential(2).split('e+');
  return `${mantissa} × 10^${exponent}`;
}

export function guessingMarkdown(analysis: GuessingAnalysis): string {
  const { assumptions: a, limits, proofOfWork: pow } = analysis;
  return `## Guessing access codes

Codes are ${ACCESS_CODE_LENGTH} characters from ${ACCESS_CODE_ALPHABET.length}: S = ${ACCESS_CODE_ALPHABET.length}^${ACCESS_CODE_LENGTH} = ${number(analysis.codeSpace)} codes (${analysis.codeBits} bits). One address (an IPv4 address or an IPv6 /64) may fail ${limits.perAddress} times in ${limits.windowMinutes} minutes and ${limits.perAddressPerDay} times in ${limits.dayHours} hours; other addresses never make the register refuse it.

Assumed: an attacker with a = ${number(a.attackerAddresses)} addresses, n = ${number(a.openOrders)} orders open at once nationally (any one of their codes is a hit), proofs computed at ${number(a.attackerHashesPerSecond)} hashes a second.

| | |
|---|---|
| Guesses a year, g = a × ${limits.perAddressPerDayEffective} × 365.25 | ${number(analysis.guessesPerYear)} |
| Expected guesses to the first hit, (S + 1) / (n + 1) | ${number(analysis.expectedGuesses)} |
| **Expected years to find one valid code**, (S + 1) / (n + 1) / g | **${number(analysis.expectedYears)}** (${analysis.isOverHundredYears ? 'over' : 'NOT over'} 100) |
| Chance of a hit within one year, 1 − e^(−g (n + 1) / (S + 1)) | ${(analysis.chanceWithinOneYear * 100).toFixed(2)} % |
| The same without the daily limit (${limits.perAddress} per ${limits.windowMinutes} minutes only) | ${number(analysis.withoutDailyCapYears)} years |
| Proof of work at its most (${pow.maxBits} bits), per guess | ${number(pow.hashesPerGuess)} hashes |
| The attacker's proofs for a year of guessing | ${number(pow.hashesPerYear)} hashes, ${number(pow.attackerComputeDaysPerYear)} days of compute |

The per-address limits are what keep the code space out of reach; the proof of work only makes every guess cost something (it slows cheap, borrowed devices most) and never refuses anyone.
`;
}
