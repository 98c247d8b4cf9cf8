// What every screen of the console shares: the register's API, the signed-in staff member, and the
// live region that says what an action did.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { StaffApi } from './api.js';
import type { SessionInfo } from './contract-shapes.js';

export interface ConsoleContext {
  api: StaffApi;
  session: SessionInfo | null;
  setSession: (session: SessionInfo | null) => void;
  /** Says what an action did, in the polite live region (and on screen). */
  announce: (message: string) => void;
}

export const consoleContext = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const context = useContext(consoleContext);
  if (!context) throw new Error('useConsole outside the console');
  return context;
}

/** Loads what a screen shows; `reload` loads again (after an action). */
export function useLoaded<T>(load: () => Promise<T>): { data: T | undefined; error: unknown; isLoading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; isLoading: boolean }>({
    data: undefined,
    error: undefined,
    isLoading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    load().then(
      (data) => isCurrent && setState({ data, error: undefined, isLoading: false }),
      (error: unknown) => isCurrent && setState({ data: undefined, error, isLoading: false }),
    );
    return () => {
      isCurrent = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
