// Electron host: each change saved in the page is told to main (sync:local-change); a failed nudge is only a warning.
import { describe, expect, it, vi } from 'vitest';
import { createElectronHost } from '../../../../renderer/host/electron-host';
import type { LanternBridge } from '../../../../shared/ipc/bridge';
import { fakeBridge, flush } from './fake-bridge';

/** A LocalSaves the test fires by hand. */
function manualSaves() {
  const listeners = new Set<() => void>();
  return {
    localSaves: (onSave: () => void) => {
      listeners.add(onSave);
      return () => void listeners.delete(onSave);
    },
    save: () => listeners.forEach((listener) => listener()),
  };
}

describe('electron host: local saves', () => {
  it('tells main about every save, and nothing before one', async () => {
    const { bridge } = fakeBridge();
    const saves = manualSaves();
    createElectronHost(bridge as unknown as LanternBridge, { localSaves: saves.localSaves });
    expect(bridge.sync.localChange).not.toHaveBeenCalled();
    saves.save();
    saves.save();
    await flush();
    expect(bridge.sync.localChange).toHaveBeenCalledTimes(2);
  });

  it('a bridge that fails costs only a warning, never an unhandled rejection', async () => {
    const { bridge } = fakeBridge();
    bridge.sync.localChange.mockRejectedValueOnce(new Error('main is gone'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saves = manualSaves();
    createElectronHost(bridge as unknown as LanternBridge, { localSaves: saves.localSaves });
    saves.save();
    await flush();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/saved change/), expect.any(Error));
    warn.mockRestore();
  });
});
