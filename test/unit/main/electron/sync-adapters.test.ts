// Electron adapters for sync with fakes: net.fetch deadline and abort, powerMonitor resume, net.isOnline polling, sender scope.
import { describe, expect, it, vi } from 'vitest';
import { createSenderScope } from '../../../../main/electron/ipc-sender-scope';
import { createNetFetch, type NetFetchLike } from '../../../../main/electron/net-fetch-adapter';
import { createOnlineSignal, createPowerSignal } from '../../../../main/electron/power-adapter';
import { watchReplicaPage } from '../../../../main/electron/replica-page-watch';
import { FakeIpcMain, topFrame } from '../fakes';
import { ManualTimers } from '../services/sync/support';

const okResponse = (text = '{}') => ({ status: 200, headers: { get: () => null }, text: vi.fn(async () => text) });

describe('createNetFetch', () => {
  it('passes method, headers and body to net.fetch with an abort signal', async () => {
    const net: NetFetchLike = { fetch: vi.fn(async () => okResponse('{"ok":1}')) };
    const fetch = createNetFetch(net, { timers: new ManualTimers() });
    const response = await fetch('https://hq.example.org/v1/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(await response.text()).toBe('{"ok":1}');
    expect(net.fetch).toHaveBeenCalledWith('https://hq.example.org/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      signal: expect.any(AbortSignal),
      redirect: 'error',
    });
  });

  it('aborts the real request at its own deadline and when the transport aborts', async () => {
    const timers = new ManualTimers();
    const signals: AbortSignal[] = [];
    const net: NetFetchLike = {
      fetch: (_url, init) => {
        signals.push(init.signal);
        return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    };
    const fetch = createNetFetch(net, { timers, timeoutMs: 1_000 });
    const hanging = fetch('https://hq.example.org/', { method: 'GET', headers: {} });
    timers.advance(1_000);
    await expect(hanging).rejects.toThrow('aborted');
    expect(signals[0]?.aborted).toBe(true);

    const controller = new AbortController();
    const cancelled = fetch('https://hq.example.org/', { method: 'GET', headers: {}, signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toThrow('aborted');
    expect(timers.pending.size).toBe(0);
  });

  it('clears its deadline once the body was read', async () => {
    const timers = new ManualTimers();
    const fetch = createNetFetch({ fetch: async () => okResponse() }, { timers });
    const response = await fetch('https://hq.example.org/', { method: 'GET', headers: {} });
    expect(timers.pending.size).toBe(1);
    await response.text();
    expect(timers.pending.size).toBe(0);
  });
});

class FakePowerMonitor {
  readonly listeners = new Map<string, Set<() => void>>();
  on(event: string, listener: () => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
  }
  removeListener(event: string, listener: () => void) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string) {
    this.listeners.get(event)?.forEach((listener) => listener());
  }
}

describe('createPowerSignal', () => {
  it('reports resume until unsubscribed', () => {
    const monitor = new FakePowerMonitor();
    const listener = vi.fn();
    const off = createPowerSignal(monitor).onResume(listener);
    monitor.emit('suspend');
    monitor.emit('resume');
    off();
    monitor.emit('resume');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('createOnlineSignal', () => {
  function intervals() {
    const timers = { callbacks: new Map<number, () => void>(), next: 1 };
    return {
      timers,
      api: {
        setInterval: (callback: () => void) => {
          const id = timers.next++;
          timers.callbacks.set(id, callback);
          return id;
        },
        clearInterval: (handle: unknown) => void timers.callbacks.delete(handle as number),
      },
      tick: () => timers.callbacks.forEach((callback) => callback()),
    };
  }

  it('polls net.isOnline while subscribed and reports changes only', () => {
    let online = true;
    const { timers, api, tick } = intervals();
    const signal = createOnlineSignal({ isOnline: () => online }, api, 5_000);
    const listener = vi.fn();
    const off = signal.subscribe(listener);
    tick();
    online = false;
    tick();
    tick();
    online = true;
    signal.check();
    expect(listener.mock.calls).toEqual([[false], [true]]);
    expect(signal.isOnline()).toBe(true);
    off();
    expect(timers.callbacks.size).toBe(0);
  });
});

describe('createSenderScope', () => {
  it('gives handlers the webContents that sent the invoke, across awaits, and null without one', async () => {
    const ipc = new FakeIpcMain();
    const scope = createSenderScope(ipc);
    const seen: (number | null)[] = [];
    scope.ipcMain.handle('x:y', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(scope.currentSender()?.id ?? null);
    });
    const sender = { id: 12, isDestroyed: () => false, send: () => undefined };
    await Promise.all([
      ipc.invoke('x:y', Object.assign({ senderFrame: topFrame('app://lantern/') }, { sender })),
      ipc.invoke('x:y', { senderFrame: topFrame('app://lantern/') }),
      ipc.invoke('x:y', Object.assign({ senderFrame: topFrame('app://lantern/') }, { sender: { id: 'nope' } })),
    ]);
    expect(seen.sort()).toEqual([12, null, null].sort());
    expect(scope.currentSender()).toBeNull();
    scope.ipcMain.removeHandler('x:y');
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('watchReplicaPage', () => {
  it('reports the page gone on destroy, crash and navigation', () => {
    const monitor = new FakePowerMonitor();
    const onGone = vi.fn();
    watchReplicaPage(Object.assign(monitor, { id: 5 }), onGone);
    monitor.emit('did-navigate');
    monitor.emit('render-process-gone');
    monitor.emit('destroyed');
    expect(onGone.mock.calls).toEqual([[5], [5], [5]]);
  });
});
