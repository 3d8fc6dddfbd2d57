// UI state only (which pane is open, which row is selected); incident data lives in IndexedDB, never here.
import { create } from 'zustand';

export type Pane = { kind: 'empty' } | { kind: 'capture' } | { kind: 'incident'; id: string } | { kind: 'statistics' };

interface UiState {
  pane: Pane;
  openCapture(): void;
  openIncident(id: string): void;
  openStatistics(): void;
  closePane(): void;
}

export const useUiStore = create<UiState>((set) => ({
  pane: { kind: 'empty' },
  openCapture: () => set({ pane: { kind: 'capture' } }),
  openIncident: (id) => set({ pane: { kind: 'incident', id } }),
  openStatistics: () => set({ pane: { kind: 'statistics' } }),
  closePane: () => set({ pane: { kind: 'empty' } }),
}));
