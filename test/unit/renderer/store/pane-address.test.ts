// The working pane survives a reload through the page address: what is written, what is read back, what is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../../shared/domain';
import { keepPaneInAddress, type AddressWindow } from '../../../../renderer/store/keep-pane-in-address';
import { paneFromFragment, paneToFragment } from '../../../../renderer/store/pane-address';
import { useUiStore, type Pane } from '../../../../renderer/store/ui-store';

class FakeWindow implements AddressWindow {
  href = 'app://lantern/index.html';
  readonly listeners = new Set<() => void>();
  readonly replaced: string[] = [];
  get location() {
    const { hash } = new URL(this.href);
    return { hash, href: this.href };
  }
  readonly history = {
    state: null,
    replaceState: (_data: unknown, _unused: string, url: string) => {
      this.href = url;
      this.replaced.push(url);
    },
  };
  addEventListener(_type: 'hashchange', listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'hashchange', listener: () => void) {
    this.listeners.delete(listener);
  }
  /** A person typing a new address: the fragment changes and hashchange fires. */
  typeAddress(url: string) {
    this.href = url;
    this.listeners.forEach((listener) => listener());
  }
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  useUiStore.setState({ pane: { kind: 'empty' }, beforeStatistics: { kind: 'empty' } });
});

describe('pane fragments', () => {
  const id = newId();
  it.each<[Pane, string]>([
    [{ kind: 'incident', id }, `#incident/${id}`],
    [{ kind: 'capture' }, '#new'],
    [{ kind: 'statistics' }, '#statistics'],
    [{ kind: 'empty' }, ''],
  ])('writes %o as %s and reads it back', (pane, fragment) => {
    expect(paneToFragment(pane)).toBe(fragment);
    expect(paneFromFragment(fragment)).toEqual(pane);
  });

  it.each(['#incident/', '#incident/42', `#incident/${id.toUpperCase()}`, `#incident/${id}/x`, '#incident/<img src=x onerror=alert(1)>', '#settings', '#', 'incident'])(
    'opens nothing for %s',
    (fragment) => {
      expect(paneFromFragment(fragment)).toEqual({ kind: 'empty' });
    },
  );
});

describe('keepPaneInAddress', () => {
  it('opens the incident the address names at start, then follows the pane without adding history entries', () => {
    const id = newId();
    const win = new FakeWindow();
    win.href = `app://lantern/index.html#incident/${id}`;
    stop = keepPaneInAddress(win);
    expect(useUiStore.getState().pane).toEqual({ kind: 'incident', id });

    useUiStore.getState().openStatistics();
    expect(win.href).toBe('app://lantern/index.html#statistics');
    useUiStore.getState().closePane(); // back to the incident the statistics replaced
    expect(win.href).toBe(`app://lantern/index.html#incident/${id}`);
    useUiStore.getState().closePane();
    expect(win.href).toBe('app://lantern/index.html');
    expect(win.replaced).toHaveLength(3);
  });

  it('follows an address typed by hand, and ignores one that names nothing it can open', () => {
    const id = newId();
    const win = new FakeWindow();
    stop = keepPaneInAddress(win);
    win.typeAddress(`app://lantern/index.html#incident/${id}`);
    expect(useUiStore.getState().pane).toEqual({ kind: 'incident', id });
    win.typeAddress('app://lantern/index.html#new');
    expect(useUiStore.getState().pane).toEqual({ kind: 'capture' });
    win.typeAddress('app://lantern/index.html#whatever');
    expect(useUiStore.getState().pane).toEqual({ kind: 'empty' });
  });

  it('takes an address naming nothing it can open out of the address bar', () => {
    const win = new FakeWindow();
    win.href = 'app://lantern/index.html#incident/does-not-exist';
    stop = keepPaneInAddress(win);
    expect(useUiStore.getState().pane).toEqual({ kind: 'empty' });
    expect(win.href).toBe('app://lantern/index.html');
  });

  it('stops following once stopped', () => {
    const win = new FakeWindow();
    keepPaneInAddress(win)();
    useUiStore.getState().openCapture();
    expect(win.href).toBe('app://lantern/index.html');
    expect(win.listeners.size).toBe(0);
  });
});
