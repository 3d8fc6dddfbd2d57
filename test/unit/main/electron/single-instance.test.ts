// claimSingleInstance and focusWindow with fake app and window objects.
import { describe, expect, it, vi } from 'vitest';
import { focusWindow } from '../../../../main/electron/focus-window';
import { claimSingleInstance } from '../../../../main/electron/single-instance';

function fakeApp(gotLock: boolean) {
  const listeners: (() => void)[] = [];
  return {
    listeners,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: () => void) => listeners.push(listener)),
  };
}

function fakeWindow(state: { destroyed?: boolean; minimized?: boolean } = {}) {
  return {
    isDestroyed: vi.fn(() => state.destroyed ?? false),
    isMinimized: vi.fn(() => state.minimized ?? false),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  };
}

describe('claimSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    const app = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.on).not.toHaveBeenCalled();
  });

  it('keeps running and reacts to a second launch', () => {
    const app = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.forEach((listener) => listener());
    expect(onSecond).toHaveBeenCalledTimes(1);
  });
});

describe('focusWindow', () => {
  it('restores a minimised window and focuses it', () => {
    const window = fakeWindow({ minimized: true });
    expect(focusWindow(window)).toBe(true);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does not restore a window that is not minimised', () => {
    const window = fakeWindow();
    expect(focusWindow(window)).toBe(true);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('returns false for no window or a destroyed one', () => {
    expect(focusWindow(null)).toBe(false);
    const destroyed = fakeWindow({ destroyed: true });
    expect(focusWindow(destroyed)).toBe(false);
    expect(destroyed.focus).not.toHaveBeenCalled();
  });
});
