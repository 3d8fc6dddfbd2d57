// Whether this window's database was taken away (updated in another window or removed), for the banner that says so.
import { create } from 'zustand';
import type { DatabaseLoss } from '../db/database-lost';

export interface DatabaseLossState {
  loss: DatabaseLoss | null;
  setLoss(loss: DatabaseLoss): void;
}

export const useDatabaseLossStore = create<DatabaseLossState>((set) => ({
  loss: null,
  setLoss: (loss) => set({ loss }),
}));
