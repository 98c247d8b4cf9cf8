// What the floor pages need at run time, kept apart from spec.ts (which the build runs, with the
// app's core) so that neither page carries anything but itself, React and Dexie.

/** The row a tap writes, in an `answers` store keyed [responseId+itemId], as the app's is. */
export const answerRow = (responseId: string, itemId: string, value: string) => ({
  responseId,
  itemId,
  answer: { value },
  answeredAt: new Date().toISOString(),
});
