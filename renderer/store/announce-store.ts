// What the app last said to screen readers about a finished action ("Note added"): one polite live region reads it.
import { create } from 'zustand';

interface AnnounceState {
  message: string;
  /** Counts every announcement, so the same words twice in a row are read twice (the region gets a new node). */
  serial: number;
}

export const useAnnounceStore = create<AnnounceState>(() => ({ message: '', serial: 0 }));

/** Says `message` (short plain text, no markup) once, politely, through the app's one announcer. */
export function announce(message: string): void {
  useAnnounceStore.setState((state) => ({ message, serial: state.serial + 1 }));
}
