// Completing a questionnaire of an order: sealed into the outbox, then sent at once where there is
// network (and through Background Sync when it comes back). Sealing (jose, scoring, the payload) is
// loaded when a questionnaire is completed, not with the questions; its chunk is precached.
import { useCallback } from 'react';
import type { DraftVault } from '../device/vault.js';
import { requestBackgroundSync } from './background-sync.js';
import { useDevice } from './device-context.js';
import { useRegister } from './sync-context.js';

export function useSealAndSend(): (responseId: string, vault?: DraftVault | null) => Promise<void> {
  const db = useDevice();
  const { sync } = useRegister();
  return useCallback(
    async (responseId, vault = null) => {
      const { completeAndSeal } = await import('../device/submit.js');
      await completeAndSeal(db, responseId, { appVersion: __APP_VERSION__, vault });
      void requestBackgroundSync();
      void sync.sendNow().catch(() => undefined);
    },
    [db, sync],
  );
}
