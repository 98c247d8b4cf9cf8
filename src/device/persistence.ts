// Asks the browser to keep this site's storage, so unsent answers are not evicted under storage pressure.

export type PersistenceState = 'persisted' | 'granted' | 'refused' | 'unsupported';

/** The part of StorageManager used here; either method may be missing in older browsers. */
export type PersistenceApi = Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

export async function requestPersistentStorage(
  storage: PersistenceApi | undefined = globalThis.navigator?.storage,
): Promise<PersistenceState> {
  if (typeof storage?.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'granted' : 'refused';
  } catch {
    // Some browsers throw instead of answering (e.g. in private windows); the outcome is the same.
    return 'refused';
  }
}
