// What the tests of repeating groups at the register share (issue 18): a register whose questionnaires
// folder holds the project's questionnaires and the medicines fixture (a group "meds" listing each
// medicine, 1 to 8 entries), an order for it claimed by a new device, and a way to send answers as
// they are or as the device would submit them.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Answers, ClaimResponse, SubmissionPayload } from '../../src/core/index.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestDevice, type TestRegister } from './setup.js';

export const medicinesKey = 'medicines@1';

/** Two medicines, the second taken another way, described; numbered as a device submits them. */
export const twoMedicines: Answers = {
  takes: { value: true },
  meds: { value: ['1', '2'] },
  'meds.1.name': { value: 'Paracet' },
  'meds.1.form': { value: 'tablet' },
  'meds.1.perDay': { value: 3 },
  'meds.2.name': { value: '=HYPERLINK("x")' },
  'meds.2.form': { value: 'other' },
  'meds.2.formOther': { value: 'Plaster' },
  sideEffects: { value: false },
};

/** A register that can order the medicines questionnaire; close() removes its questionnaires folder too. */
export async function medicinesRegister(): Promise<TestRegister> {
  const folder = await mkdtemp(path.join(tmpdir(), 'repeats-questionnaires-'));
  // from the project's folder, where the tests run (import.meta.url is no file in the console's jsdom tests)
  await cp(path.resolve('questionnaires'), folder, { recursive: true });
  await cp(path.resolve('test/fixtures/definitions/accepted/medicines.json'), path.join(folder, 'medicines.json'));
  const register = await startTestRegister({ env: { QUESTIONNAIRES_DIR: folder } });
  const close = register.close;
  return Object.assign(register, {
    close: async () => {
      await close();
      await rm(folder, { recursive: true, force: true });
    },
  });
}

export interface MedicinesOrder {
  device: TestDevice;
  order: ClaimResponse;
}

export async function medicinesOrder(register: TestRegister, extra: Record<string, unknown> = {}): Promise<MedicinesOrder> {
  const device = await newDevice();
  const created = await createOrder(register, [medicinesKey], extra);
  return { device, order: await claim(register, created.accessCode, device) };
}

/** Sends these answers exactly as given (not through buildSubmissionPayload, which would number the entries). */
export async function sendAnswers(register: TestRegister, { device, order }: MedicinesOrder, answers: Answers) {
  const payload: SubmissionPayload = { ...payloadFor(order, twoMedicines), answers };
  const response = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
  return { payload, response };
}
