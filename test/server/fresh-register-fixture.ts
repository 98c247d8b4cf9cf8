// A fresh register for every test, for the test files split by subject (orders*.test.ts,
// submissions*.test.ts): useFreshRegister() starts one before each test and closes it after.
import { afterEach, beforeEach } from 'vitest';
import { startTestRegister, type TestRegister } from './setup.js';

// Set by useFreshRegister()'s beforeEach; the test files read it through this live binding.
export let register: TestRegister;

export function useFreshRegister(): void {
  beforeEach(async () => {
    register = await startTestRegister();
  });
  afterEach(async () => register.close());
}
