// Electron's powerMonitor and net.isOnline() as the sync service's PowerSignal and OnlineSignal.
import type { OnlineSignal, PowerSignal } from '../services/sync/signals';

/** The parts of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  on(event: 'resume' | 'suspend', listener: () => void): unknown;
  removeListener(event: 'resume' | 'suspend', listener: () => void): unknown;
}

export function createPowerSignal(powerMonitor: PowerMonitorLike): PowerSignal {
  return {
    onResume(listener) {
      const handler = (): void => listener();
      powerMonitor.on('resume', handler);
      return () => powerMonitor.removeListener('resume', handler);
    },
  };
}

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface PolledOnlineSignal extends OnlineSignal {
  /** Reads net.isOnline() now (e.g. right after resume) and reports a change. */
  check(): void;
}

/**
 * Polls `net.isOnline()` while someone listens. Polling in main (rather than the page's online events)
 * keeps working when the window is closed to the tray and needs no extra IPC channel. isOnline only says a
 * network is up; whether HQ answers is the sync run's business.
 */
export function createOnlineSignal(net: { isOnline(): boolean }, timers: IntervalTimers, intervalMs = 10_000): PolledOnlineSignal {
  const listeners = new Set<(online: boolean) => void>();
  let last = net.isOnline();
  let handle: unknown = null;
  const check = (): void => {
    const now = net.isOnline();
    if (now === last) return;
    last = now;
    for (const listener of [...listeners]) listener(now);
  };
  return {
    isOnline: () => net.isOnline(),
    check,
    subscribe(listener) {
      listeners.add(listener);
      if (handle === null) handle = timers.setInterval(check, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== null) {
          timers.clearInterval(handle);
          handle = null;
        }
      };
    },
  };
}
