// React context carrying the open database to the live-query hooks (a context, not a singleton, so tests get fresh databases).
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { LanternDb } from './database';

export const LanternDbContext = createContext<LanternDb | null>(null);

export function LanternDbProvider({ db, children }: { db: LanternDb; children?: ReactNode }) {
  return createElement(LanternDbContext.Provider, { value: db }, children);
}

export function useLanternDb(): LanternDb {
  const db = useContext(LanternDbContext);
  if (!db) throw new Error('useLanternDb needs a <LanternDbProvider db={…}> above it');
  return db;
}
