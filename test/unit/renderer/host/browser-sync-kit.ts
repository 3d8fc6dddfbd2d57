// What the browser-mode sync host tests share: a window with hand-driven timers, a fake HQ that enrolls, waiting for a status.
import { expect, vi } from 'vitest';
import type { HostSync } from '../../../../renderer/host/host';
import type { FetchLike, SyncStatus } from '../../../../shared/sync/engine';
import type { FakeHq } from '../../shared/sync/support/fake-hq';
import type { ManualTimers } from '../../shared/sync/support/manual-timers';

/** Just enough of a window for the browser sync host: hand-driven timers, online/visibility events. */
export function fakeSyncWindow(timers: ManualTimers): { win: Window; events: EventTarget; document: EventTarget } {
  const events = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const win = {
    setTimeout: (callback: () => void, ms: number) => timers.api.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) => timers.api.clearTimeout(handle),
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    document,
    navigator: { onLine: true },
    fetch: () => Promise.reject(new Error('the test passes its own fetch')),
  };
  return { win: win as unknown as Window, events, document };
}

/** The fake HQ as a page's fetch sees it; enrollment (which FakeHq lacks) accepts any code. */
export function fakeHqFetch(hq: FakeHq): FetchLike<AbortSignal> {
  return async (url, init) => {
    const parsed = new URL(url);
    if (parsed.pathname === '/v1/enroll') {
      const body = JSON.parse(String(init.body)) as { deviceId: string };
      const json = { deviceToken: hq.addDevice(body.deviceId), deviceId: body.deviceId, hqId: hq.hqId, epoch: hq.epoch, serverTime: 0 };
      return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(json) };
    }
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const reply = hq.handle({ method: init.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams.entries()), headers, body });
    return { status: reply.status, headers: { get: () => null }, text: async () => reply.body };
  };
}

/** Waits until the host's status satisfies `done`; resolves to that status. */
export async function untilStatus(sync: HostSync, done: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  let last: SyncStatus | null = null;
  await vi.waitFor(
    async () => {
      last = await sync.getStatus();
      expect(done(last)).toBe(true);
    },
    { timeout: 4_000, interval: 5 },
  );
  return last!;
}
