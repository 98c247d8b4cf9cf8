// What the submissions*.test.ts files share: a fresh register for each test, a count of its
// submissions rows, a way to send a sealed token, and an order created and claimed by a new device.
import type { ClaimResponse } from '../../src/core/index.js';
import { register } from './fresh-register-fixture.js';
import { claim, createOrder, newDevice, type TestDevice } from './setup.js';

export { register, useFreshRegister } from './fresh-register-fixture.js';

export const rows = () => register.store.countSubmissions();
export const submit = (token: string) => register.post('/api/submissions', { token });

export async function claimed(
  questionnaires?: string[],
  extra?: Record<string, unknown>,
): Promise<{ device: TestDevice; order: ClaimResponse; code: string }> {
  const device = await newDevice();
  const created = await createOrder(register, questionnaires, extra);
  return { device, order: await claim(register, created.accessCode, device), code: created.accessCode };
}
