// The preload entry exposes the bridge under `lantern` through contextBridge, and nothing else.
import { describe, expect, it, vi } from 'vitest';

const { exposed, fakeIpcRenderer } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  fakeIpcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => undefined), on: vi.fn(), removeListener: vi.fn() },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: fakeIpcRenderer,
}));

describe('main/preload/index.ts', () => {
  it('exposes one object, window.lantern, that does not leak ipcRenderer', async () => {
    await import('../../../../main/preload/index');
    expect([...exposed.keys()]).toEqual(['lantern']);
    const bridge = exposed.get('lantern') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['app', 'notifications', 'on', 'replica', 'secrets', 'shell', 'sync', 'window']);
    expect(Object.values(bridge)).not.toContain(fakeIpcRenderer);
    await (bridge['app'] as { info: () => Promise<unknown> }).info();
    expect(fakeIpcRenderer.invoke).toHaveBeenCalledWith('app:info');
  });
});
