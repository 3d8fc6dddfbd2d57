// createBridge against a fake ipcRenderer: exactly the contract, fixed channels, no raw events.
import { describe, expect, it, vi } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../../main/preload/create-bridge';
import { bridgePathOf, INVOKE_CHANNELS } from '../../../../shared/ipc/channels';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoke = vi.fn(async (channel: string, ..._args: unknown[]): Promise<unknown> => ({ channel }));
  readonly listeners = new Map<string, Set<Listener>>();

  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  emit(channel: string, ...args: unknown[]): void {
    // What Electron hands to listeners: an event object whose `sender` is ipcRenderer itself.
    const rawEvent = { sender: this, senderId: 0, ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(rawEvent, ...args);
  }

  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

function flatKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'function' ? [`${prefix}${key}`] : flatKeys(child as object, `${prefix}${key}.`),
  );
}

describe('createBridge shape', () => {
  it('exposes exactly one method per contract channel plus on()', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    const expected = [...INVOKE_CHANNELS.map((channel) => bridgePathOf(channel).join('.')), 'on'];
    expect(flatKeys(bridge).sort()).toEqual(expected.sort());
    expect(flatKeys(bridge).sort()).toEqual([
      'app.info',
      'notifications.getSettings',
      'notifications.list',
      'notifications.markRead',
      'notifications.report',
      'notifications.setPolicies',
      'notifications.setSettings',
      'notifications.setUser',
      'notifications.takePendingOpen',
      'notifications.watch',
      'on',
      'replica.attach',
      'replica.reply',
      'secrets.status',
      'shell.openExternal',
      'sync.connect',
      'sync.connection',
      'sync.disconnect',
      'sync.fetchFile',
      'sync.localChange',
      'sync.now',
      'sync.status',
      'window.focus',
    ]);
  });

  it('exposes no generic invoke, send or ipcRenderer', () => {
    const bridge = createBridge(new FakeIpcRenderer()) as unknown as Record<string, unknown>;
    for (const key of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'removeAllListeners', 'postMessage']) {
      expect(bridge[key]).toBeUndefined();
    }
    expect(JSON.stringify(flatKeys(bridge))).not.toMatch(/ipc/i);
  });

  it('is frozen, so page code cannot swap a method', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.shell)).toBe(true);
  });
});

describe('createBridge invokers', () => {
  it('each method calls its own fixed channel', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.app.info();
    await bridge.secrets.status();
    await bridge.window.focus();
    await bridge.shell.openExternal('https://example.com');
    expect(ipc.invoke.mock.calls).toEqual([['app:info'], ['secrets:status'], ['window:focus'], ['shell:open-external', 'https://example.com']]);
  });

  it('sync.fetchFile sends the hash on sync:fetch-file and hands back what main answers (the bytes)', async () => {
    const ipc = new FakeIpcRenderer();
    const bytes = new Uint8Array([1, 2, 3]);
    ipc.invoke.mockResolvedValueOnce({ ok: true, bytes });
    const sha256 = 'ab'.repeat(32);
    await expect(createBridge(ipc).sync.fetchFile(sha256)).resolves.toEqual({ ok: true, bytes });
    expect(ipc.invoke.mock.calls).toEqual([['sync:fetch-file', sha256]]);
  });

  it('forwards at most one argument, whatever the page passes', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const loose = bridge.shell.openExternal as unknown as (...args: unknown[]) => Promise<unknown>;
    await loose('https://example.com', 'app:info', { channel: 'evil' });
    expect(ipc.invoke).toHaveBeenLastCalledWith('shell:open-external', 'https://example.com');
    const looseInfo = bridge.app.info as unknown as (...args: unknown[]) => Promise<unknown>;
    await looseInfo('shell:open-external');
    expect(ipc.invoke).toHaveBeenLastCalledWith('app:info', 'shell:open-external');
  });
});

describe('createBridge events', () => {
  it('delivers the payload only, never the raw IpcRendererEvent', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    bridge.on('app:navigate', listener);
    ipc.emit('app:navigate', { incidentId: 'inc-1' }, 'extra');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ incidentId: 'inc-1' }]);
    expect(listener.mock.calls.flat()).not.toContain(ipc);
  });

  it('unsubscribe removes the listener, once', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const unsubscribe = bridge.on('app:navigate', listener);
    expect(ipc.count('app:navigate')).toBe(1);
    unsubscribe();
    unsubscribe();
    expect(ipc.count('app:navigate')).toBe(0);
    ipc.emit('app:navigate', { incidentId: 'inc-1' });
    expect(listener).not.toHaveBeenCalled();
  });

  it.each(['app:info', 'sync:secret-event', '__proto__', 'APP:NAVIGATE', '', 42, null, { toString: () => 'app:navigate' }])(
    'refuses to subscribe to %j',
    (event) => {
      const ipc = new FakeIpcRenderer();
      const on = createBridge(ipc).on as unknown as (event: unknown, listener: unknown) => unknown;
      expect(() => on(event, () => undefined)).toThrow('Unknown Lantern event.');
      expect(ipc.listeners.size).toBe(0);
    },
  );

  it('refuses a listener that is not a function', () => {
    const on = createBridge(new FakeIpcRenderer()).on as unknown as (event: unknown, listener: unknown) => unknown;
    expect(() => on('app:navigate', 'alert(1)')).toThrow(/must be a function/);
  });
});
