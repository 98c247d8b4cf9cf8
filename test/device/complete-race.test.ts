// Two tabs complete the same response at once, and the other tab's completion lands between this
// one's read of the response and its read of the answers (which that completion deleted): this one
// must see that it was completed, not refuse it as unanswered.
import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';
import * as responses from '../../src/device/responses.js';
import { completeAndSeal, listOutbox } from '../../src/device/index.js';
import { answeredResponse, appVersion, claimedDevice } from './outbox-fixture.js';

vi.mock('../../src/device/responses.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/device/responses.js')>();
  return { ...actual, getAnswers: vi.fn(actual.getAnswers) };
});

test('completed in another tab between reading the response and its answers: the one sealed submission is returned', async () => {
  const { db, order, definition } = await claimedDevice();
  const response = await answeredResponse(db, definition, order.id);
  const getAnswers = vi.mocked(responses.getAnswers);
  const { getAnswers: actualGetAnswers } =
    await vi.importActual<typeof import('../../src/device/responses.js')>('../../src/device/responses.js');
  let other: Awaited<ReturnType<typeof completeAndSeal>> | undefined;
  // This tab has read the response (still in progress); the other tab completes before it reads the answers.
  getAnswers.mockImplementationOnce(async (...args) => {
    other = await completeAndSeal(db, response.id, { appVersion });
    return actualGetAnswers(...args);
  });

  const sealed = await completeAndSeal(db, response.id, { appVersion });
  expect(other).toBeDefined();
  expect(sealed.submissionId).toBe(other?.submissionId);
  expect(await listOutbox(db)).toHaveLength(1);
});
