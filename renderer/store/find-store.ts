// UI state of the Find pane: the active view, its filter + sort, the keyboard cursor and the shortcut help.
import { create } from 'zustand';
import type { FindQuery } from '../db';

export interface FindState {
  /** The active view ('all', a default view id, a saved view id) or 'custom' once filters were changed by hand. */
  viewId: string;
  query: FindQuery;
  /** Row under the J/K cursor (index into the loaded rows). */
  cursor: number;
  helpOpen: boolean;
  applyView(viewId: string, query: FindQuery): void;
  /** Changes some filters; the view becomes 'custom'. */
  patchQuery(patch: Partial<FindQuery>): void;
  setCursor(index: number): void;
  setHelpOpen(open: boolean): void;
}

export const useFindStore = create<FindState>((set) => ({
  viewId: 'all',
  query: {},
  cursor: 0,
  helpOpen: false,
  applyView: (viewId, query) => set({ viewId, query, cursor: 0 }),
  patchQuery: (patch) =>
    set((state) => {
      const query: FindQuery = { ...state.query, ...patch };
      for (const key of Object.keys(query) as (keyof FindQuery)[]) if (query[key] === undefined) delete query[key];
      return { query, viewId: Object.keys(query).length === 0 ? 'all' : 'custom', cursor: 0 };
    }),
  setCursor: (cursor) => set({ cursor: Math.max(0, cursor) }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
