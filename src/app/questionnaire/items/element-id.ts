/**
 * The element an item's control (or its group of controls) has, for labels and for focus after a
 * jump. Named by where the answer is stored (the item's id, or an entry's `meds.2.name`), so each
 * entry of a repeating group has its own.
 */
export function elementIdOf(answerKey: string): string {
  return `item-${answerKey}`;
}
