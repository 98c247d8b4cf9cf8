import { createContext, useContext } from 'react';
import type { DeviceDatabase } from '../device/database.js';

export const DeviceContext = createContext<DeviceDatabase | null>(null);

export function useDevice(): DeviceDatabase {
  const db = useContext(DeviceContext);
  if (!db) throw new Error('useDevice() needs a <DeviceContext.Provider> above it');
  return db;
}
