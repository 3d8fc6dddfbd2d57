// Mirrors the working pane into the page address and back, so a reload reopens the incident that was open.
import { paneFromFragment, paneToFragment } from './pane-address';
import { useUiStore } from './ui-store';

/** The parts of `window` used here (a test passes its own). */
export interface AddressWindow {
  readonly location: { readonly hash: string; readonly href: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

/**
 * Opens the pane the address names, then keeps the address in step. The address is replaced, never pushed: Back
 * leaves Lantern as before instead of walking through every incident opened. Returns a function that stops it.
 */
export function keepPaneInAddress(win: AddressWindow): () => void {
  const opened = paneFromFragment(win.location.hash);
  useUiStore.setState({ pane: opened });
  // An address naming nothing Lantern can open (typed by hand, damaged) is not left standing in the address bar.
  if (paneToFragment(opened) !== win.location.hash) replaceFragment(win, paneToFragment(opened));
  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (state.pane === previous.pane) return;
    const fragment = paneToFragment(state.pane);
    if (fragment !== win.location.hash) replaceFragment(win, fragment);
  });
  // Someone edits the address by hand (browser mode): open what it names.
  const followAddress = (): void => {
    const pane = paneFromFragment(win.location.hash);
    if (paneToFragment(pane) !== paneToFragment(useUiStore.getState().pane)) useUiStore.setState({ pane });
  };
  win.addEventListener('hashchange', followAddress);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', followAddress);
  };
}

function replaceFragment(win: AddressWindow, fragment: string): void {
  const url = new URL(win.location.href);
  url.hash = fragment;
  win.history.replaceState(win.history.state, '', url.href);
}
