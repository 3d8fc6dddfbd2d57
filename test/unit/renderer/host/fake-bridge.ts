// A fake LanternBridge for host tests: records invokes, lets the test emit main → page events.
import { vi } from 'vitest';
import type { LanternBridge } from '../../../../shared/ipc/bridge';
import type { EventChannel } from '../../../../shared/ipc/channels';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/domain';
import { INITIAL_SYNC_STATUS } from '../../../../shared/sync/engine/sync-status';

type AnyListener = (payload: never) => void;

export function fakeBridge() {
  const listeners = new Map<string, Set<AnyListener>>();
  const on: LanternBridge['on'] = (event, listener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)?.add(listener as AnyListener);
    return () => void listeners.get(event)?.delete(listener as AnyListener);
  };
  const bridge = {
    on,
    replica: {
      attach: vi.fn(async () => ({ attached: true })),
      reply: vi.fn(async (_reply: unknown) => ({ accepted: true })),
    },
    sync: {
      status: vi.fn(async () => INITIAL_SYNC_STATUS),
      connection: vi.fn(async () => null),
      connect: vi.fn(async (input: { hqUrl: string; deviceName: string }) => ({ ok: true as const, connection: { hqUrl: input.hqUrl, deviceName: input.deviceName, connectedAt: 1 } })),
      disconnect: vi.fn(async () => null),
      now: vi.fn(async (): Promise<{ started: boolean; message?: string }> => ({ started: true })),
      localChange: vi.fn(async () => null),
      fetchFile: vi.fn(async (_sha256: string): Promise<{ ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; message: string }> => ({ ok: true, bytes: new Uint8Array([1, 2, 3]) })),
    },
    notifications: {
      watch: vi.fn(async (_input: unknown) => null),
      report: vi.fn(async (_input: unknown) => null),
      setUser: vi.fn(async (_input: unknown) => null),
      list: vi.fn(async () => ({ entries: [], unread: 0 })),
      markRead: vi.fn(async (input: { ids?: string[] }) => ({ changed: input.ids?.length ?? 3 })),
      getSettings: vi.fn(async () => DEFAULT_NOTIFICATION_SETTINGS),
      setSettings: vi.fn(async (settings: typeof DEFAULT_NOTIFICATION_SETTINGS) => settings),
      setPolicies: vi.fn(async () => null),
      takePendingOpen: vi.fn(async (): Promise<{ incidentId: string | null }> => ({ incidentId: null })),
    },
  };
  /** Delivers an event as main would (the payload is not checked: tests send hostile ones too). */
  const emit = (event: EventChannel, payload: unknown): void => listeners.get(event)?.forEach((listener) => listener(payload as never));
  const count = (event: EventChannel): number => listeners.get(event)?.size ?? 0;
  return { bridge, emit, count };
}

/** Lets queued promise callbacks run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
