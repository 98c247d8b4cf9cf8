// Counts for `npm run reliability`: when RELIABILITY_TALLY names a file, each suite appends what it
// tried (one JSON line per event); scripts/reliability.ts adds them up. Outside that run it does nothing.
import { appendFileSync } from 'node:fs';

export type TallyEvent =
  | { kind: 'badInput'; suite: string; name: string; isRefused: boolean; status?: number; code?: string }
  | { kind: 'fault'; suite: string; name: string; count: number }
  | { kind: 'delivery'; suite: string; sealed: number; stored: number; lost: number; storedTwice: number }
  | {
      kind: 'guessing';
      suite: string;
      perAddressPerWindow: number;
      perAddressPerDay: number;
      windowMinutes: number;
      /** Claims refused to addresses within their own limits while many addresses guessed (must be 0). */
      refusedFromAddressesWithinLimits: number;
      /** The most proof-of-work bits asked for meanwhile. */
      proofBitsAsked: number;
    };

export const reliabilityRuns = (fast: number, long: number) => (process.env.RELIABILITY === 'long' ? long : fast);

export function tally(event: TallyEvent): void {
  const file = process.env.RELIABILITY_TALLY;
  if (file) appendFileSync(file, `${JSON.stringify(event)}\n`);
}
