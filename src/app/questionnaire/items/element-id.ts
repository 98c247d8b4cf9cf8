/** The element an item's control (or its group of controls) has, for labels and for focus after a jump. */
export function elementIdOf(itemId: string): string {
  return `item-${itemId}`;
}
