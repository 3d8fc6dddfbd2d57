// UI state of the Find pane: the active view, its filter + sort, the keyboard cursor and the shortcut help.
import { create } from 'zustand';
import type { FindQuery } from '../db';

export interface FindState {
  /** The active view ('all', a default view id, a saved view id) or 'custom' once filters were changed by hand. */
  viewId: string;
  query: FindQuery;
  /**
   * The incident under the J/K cursor. The list re-sorts under the person (a status change moves an incident to the
   * top), so the cursor is an incident, not a place: its row is found again after every read. null while nobody has
   * put the cursor anywhere in this view (it is then the first row, whichever incident that is), or while the row
   * stepped to is not read yet (the row takes it when it gets focus).
   */
  cursorId: string | null;
  /** Where that incident was last seen in the list (index into the rows): the fallback while it is not read. */
  cursor: number;
  helpOpen: boolean;
  applyView(viewId: string, query: FindQuery): void;
  /** Changes some filters; the view becomes 'custom'. */
  patchQuery(patch: Partial<FindQuery>): void;
  /** Puts the cursor on row `index`, holding incident `id` (null: whatever incident is read there). */
  setCursor(index: number, id: string | null): void;
  /** The cursor goes to this incident (it was opened); its row is looked up by the list, the position kept till then. */
  followIncident(id: string): void;
  setHelpOpen(open: boolean): void;
}

export const useFindStore = create<FindState>((set) => ({
  viewId: 'all',
  query: {},
  cursorId: null,
  cursor: 0,
  helpOpen: false,
  applyView: (viewId, query) => set({ viewId, query, cursor: 0, cursorId: null }),
  patchQuery: (patch) =>
    set((state) => {
      const query: FindQuery = { ...state.query, ...patch };
      for (const key of Object.keys(query) as (keyof FindQuery)[]) if (query[key] === undefined) delete query[key];
      return { query, viewId: Object.keys(query).length === 0 ? 'all' : 'custom', cursor: 0, cursorId: null };
    }),
  setCursor: (cursor, cursorId) => set({ cursor: Math.max(0, cursor), cursorId }),
  followIncident: (cursorId) => set((state) => (state.cursorId === cursorId ? state : { cursorId })),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
