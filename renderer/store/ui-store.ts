// UI state only (which pane is open, which row is selected); incident data lives in IndexedDB, never here.
import { create } from 'zustand';

export type Pane = { kind: 'empty' } | { kind: 'capture' } | { kind: 'incident'; id: string } | { kind: 'statistics' };
type WorkPane = Exclude<Pane, { kind: 'statistics' }>;

interface UiState {
  pane: Pane;
  /** What the statistics replaced, so closing them goes back to it (a glance at the figures mid-incident). */
  beforeStatistics: WorkPane;
  openCapture(): void;
  openIncident(id: string): void;
  openStatistics(): void;
  /** Back from the statistics to the pane they replaced; from any other pane, to the empty one. */
  closePane(): void;
}

const EMPTY: WorkPane = { kind: 'empty' };

export const useUiStore = create<UiState>((set) => ({
  pane: EMPTY,
  beforeStatistics: EMPTY,
  openCapture: () => set({ pane: { kind: 'capture' } }),
  openIncident: (id) => set({ pane: { kind: 'incident', id } }),
  openStatistics: () => set((s) => (s.pane.kind === 'statistics' ? s : { pane: { kind: 'statistics' }, beforeStatistics: s.pane })),
  closePane: () => set((s) => ({ pane: s.pane.kind === 'statistics' ? s.beforeStatistics : EMPTY, beforeStatistics: EMPTY })),
}));
