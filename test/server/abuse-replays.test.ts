// Abuse (see abuse-fixture.ts): replays of a stored submission under another order or another
// device's key, to a released order, to an order the register does not have.
import { describe, expect, test } from 'vitest';
import { encryptTo, payloadFor, sealFor, signAs } from './setup.js';
import {
  b64,
  deviceA,
  deviceB,
  innerOf,
  orderA,
  orderB,
  refused,
  released,
  reseal,
  stored,
  storedToken,
  submit,
  useAbuseRegister,
} from './abuse-fixture.js';

useAbuseRegister();

describe('replays', () => {
  test('the stored token sent again is acknowledged with the first receipt and stores nothing', async () => {
    const again = await submit(storedToken);
    expect(again.status).toBe(200);
    expect(again.json.submissionId).toBe(stored.submissionId);
  });

  test('the stored signed submission under another order (orderId changed, signature kept) is refused', async () => {
    const [header, , signature] = (await innerOf(storedToken)).split('.');
    const moved = `${header}.${b64(JSON.stringify({ ...stored, orderId: orderB.order.id }))}.${signature}`;
    await refused('replay under another order', submit(await reseal(moved)), 401, 'badSignature');
  });

  test("the claimer of another order cannot take over a stored submission's id", async () => {
    const taken = { ...payloadFor(orderB), submissionId: stored.submissionId };
    await refused('submission id taken over by another device', submit(await sealFor(deviceB, orderB, taken)), 409, 'submissionConflict');
  });

  test('the same device re-signing the stored submission for an order it does not hold is refused', async () => {
    await refused(
      're-signed for another order',
      submit(await sealFor(deviceA, orderB, { ...stored, orderId: orderB.order.id })),
      401,
      'badSignature',
    );
  });

  test("another device's key, with its own key id or the claimer's", async () => {
    await refused("another device's key", submit(await sealFor(deviceB, orderA, payloadFor(orderA))), 401, 'badSignature');
    await refused(
      "another device's key with the claimer's kid",
      submit(await encryptTo(orderA.encryptionKey, await signAs(deviceB, payloadFor(orderA), deviceA.thumbprint))),
      401,
      'badSignature',
    );
    await refused(
      "the claimer's key with another kid",
      submit(await encryptTo(orderA.encryptionKey, await signAs(deviceA, payloadFor(orderA), deviceB.thumbprint))),
      401,
      'badSignature',
    );
  });

  // Answered like a bad signature (issue 14, item 6): no device key is bound to the order to verify it.
  test('a new submission to a released order is refused', async () => {
    await refused('submission after release', submit(await sealFor(deviceA, released, payloadFor(released))), 401, 'badSignature');
  });

  test('a submission naming an order the register does not have', async () => {
    await refused(
      'unknown order',
      submit(await sealFor(deviceA, orderA, { ...payloadFor(orderA), orderId: crypto.randomUUID() })),
      401,
      'badSignature',
    );
  });
});
