// Whether single-key shortcuts (N, /, S, J, K, G, C, E, ?) are on: a preference of this computer, kept in localStorage.
import { create } from 'zustand';

/**
 * localStorage, as the notification prompt's "asked" mark: a UI preference of this computer, not incident data (the
 * Dexie meta table holds what sync and the records depend on), and read synchronously on every key press.
 */
export const SINGLE_KEY_SHORTCUTS_KEY = 'lantern.single-key-shortcuts';

interface KeyboardSettings {
  /** On by default; off for speech input or anyone who presses letters by accident (WCAG 2.1.4). */
  singleKeys: boolean;
  setSingleKeys(on: boolean): void;
}

function readStored(): boolean {
  try {
    return window.localStorage.getItem(SINGLE_KEY_SHORTCUTS_KEY) !== 'off';
  } catch {
    // Storage blocked: the default, as before the setting existed.
    return true;
  }
}

function store(on: boolean): void {
  try {
    if (on) window.localStorage.removeItem(SINGLE_KEY_SHORTCUTS_KEY);
    else window.localStorage.setItem(SINGLE_KEY_SHORTCUTS_KEY, 'off');
  } catch {
    // Storage blocked: the choice holds in this window until it is closed, which is the best that can be done.
  }
}

export const useKeyboardSettings = create<KeyboardSettings>((set) => ({
  singleKeys: readStored(),
  setSingleKeys: (on) => {
    store(on);
    set({ singleKeys: on });
  },
}));

/** For key handlers outside React: read at the moment of the key press, so a change applies at once. */
export function singleKeyShortcutsOn(): boolean {
  return useKeyboardSettings.getState().singleKeys;
}

// Another window of the app changed it (or storage was cleared): this window follows, so the two never disagree.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === SINGLE_KEY_SHORTCUTS_KEY || event.key === null) useKeyboardSettings.setState({ singleKeys: readStored() });
  });
}
