import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from '../../src/device/index.js';

const answers = (isPersisted: boolean, isGranted: boolean) => ({
  persisted: () => Promise.resolve(isPersisted),
  persist: () => Promise.resolve(isGranted),
});

describe('asking for persistent storage', () => {
  it('reports storage that is already persisted', async () => {
    expect(await requestPersistentStorage(answers(true, false))).toBe('persisted');
  });

  it('reports whether the browser granted the request', async () => {
    expect(await requestPersistentStorage(answers(false, true))).toBe('granted');
    expect(await requestPersistentStorage(answers(false, false))).toBe('refused');
  });

  it('asks even when the browser cannot say whether storage is persisted', async () => {
    expect(await requestPersistentStorage({ persist: () => Promise.resolve(true) })).toBe('granted');
  });

  it('reports a browser without the API as unsupported', async () => {
    expect(await requestPersistentStorage({})).toBe('unsupported');
    expect(await requestPersistentStorage({ persisted: () => Promise.resolve(false) })).toBe('unsupported');
  });

  it('treats a browser that throws as a refusal', async () => {
    const throwing = { persisted: () => Promise.resolve(false), persist: () => Promise.reject(new Error('denied')) };
    expect(await requestPersistentStorage(throwing)).toBe('refused');
  });
});
