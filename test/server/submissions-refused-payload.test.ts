// Refusals of a token that opens but is not acceptable (another device's signature, an order that is
// unknown or unclaimed, a payload of the wrong shape, a questionnaire or answers that do not fit):
// each with its status and code, and the submissions table checked after each.
import { describe, expect, test } from 'vitest';
import type { SubmissionPayload } from '../../src/core/index.js';
import { createOrder, demoAnswers, encryptTo, newDevice, payloadFor, sealFor, signAs } from './setup.js';
import { claimed, register, rows, submit, useFreshRegister } from './submissions-fixture.js';

useFreshRegister();

describe('refusals store nothing', () => {
  test("refuses a submission signed by another device's key, or with another key id", async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const stranger = await newDevice();
    const byStranger = await submit(await sealFor(stranger, order, payload));
    expect([byStranger.status, byStranger.json.error]).toEqual([401, 'badSignature']);
    const wrongKid = await submit(await encryptTo(order.encryptionKey, await signAs(device, payload, stranger.thumbprint)));
    expect([wrongKid.status, wrongKid.json.error]).toEqual([401, 'badSignature']);
    expect(await rows()).toBe(0);
  });

  // Both answered like a bad signature: no key bound to the order verifies them (issue 14, item 6).
  test('refuses an order the register does not have, and one no device has claimed', async () => {
    const { device, order } = await claimed();
    const unknown = await submit(await sealFor(device, order, { ...payloadFor(order), orderId: 'no-such-order' }));
    expect([unknown.status, unknown.json.error]).toEqual([401, 'badSignature']);
    const unclaimed = await createOrder(register);
    const response = await submit(await sealFor(device, order, { ...payloadFor(order), orderId: unclaimed.order.id }));
    expect([response.status, response.json.error]).toEqual([401, 'badSignature']);
    expect(await rows()).toBe(0);
  });

  test('refuses a payload of the wrong shape, naming the fields but not their values', async () => {
    const { device, order } = await claimed();
    const { appVersion: _missing, ...payload } = payloadFor(order);
    const response = await submit(
      await sealFor(device, order, { ...payload, language: 'a-very-long-language' } as unknown as SubmissionPayload),
    );
    expect([response.status, response.json.error]).toEqual([400, 'invalidPayload']);
    expect(response.json.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^appVersion: /), expect.stringMatching(/^language: /)]),
    );
    expect(JSON.stringify(response.json)).not.toContain('a-very-long-language');
    expect(await rows()).toBe(0);
  });

  test('refuses a questionnaire not in the order, and a definition hash that does not match', async () => {
    const { device, order } = await claimed();
    const payload = payloadFor(order);
    const notInOrder = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, id: 'cia', version: '3.0' } }),
    );
    expect([notInOrder.status, notInOrder.json.error]).toEqual([422, 'questionnaireNotInOrder']);
    const otherVersion = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, version: '2' } }),
    );
    expect([otherVersion.status, otherVersion.json.error]).toEqual([422, 'questionnaireNotInOrder']);
    const wrongHash = await submit(
      await sealFor(device, order, { ...payload, questionnaire: { ...payload.questionnaire, hash: 'sha256-0000' } }),
    );
    expect([wrongHash.status, wrongHash.json.error]).toEqual([422, 'definitionHashMismatch']);
    expect(await rows()).toBe(0);
  });

  test.each([
    ['an unknown option code', { mood_overall: { value: 'ecstatic' } }, 'mood_overall: unknownOption'],
    ['a missing required answer', { worry: undefined }, 'worry: required'],
    ['an answer to a hidden item', { hard_time_text: { value: 'shown only after yes' } }, 'hard_time_text: notShown'],
    ['an answer to an item the questionnaire does not have', { shoe_size: { value: 44 } }, 'shoe_size: unknownItem'],
    ['an answer to a display item', { welcome: { value: 'hello' } }, 'welcome: unknownItem'],
    ['a number out of range', { good_sleep_days: { value: 29 } }, 'good_sleep_days: aboveMax'],
    ['text for a number', { good_sleep_days: { value: 'twenty' } }, 'good_sleep_days: wrongType'],
  ])('refuses %s, naming the item and the problem but never the value', async (_name, change, detail) => {
    const { device, order } = await claimed();
    const answers = JSON.parse(JSON.stringify({ ...demoAnswers, ...change })) as typeof demoAnswers;
    const response = await submit(await sealFor(device, order, { ...payloadFor(order), answers }));
    expect([response.status, response.json.error]).toEqual([422, 'invalidAnswers']);
    expect(response.json.details).toContain(detail);
    for (const value of ['ecstatic', 'shown only after yes', 'twenty', 'hello']) expect(JSON.stringify(response.json)).not.toContain(value);
    expect(await rows()).toBe(0);
  });
});
