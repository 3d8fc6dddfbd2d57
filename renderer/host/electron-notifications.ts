// HostNotifications inside Electron: the scheduler runs in main; this forwards calls and events over the bridge.
import type { LanternBridge } from '../../shared/ipc/bridge';
import { MAX_ACTIVITIES_PER_CALL, MAX_CENTRE_ENTRIES, MAX_WATCHES_PER_CALL } from '../../shared/ipc/schemas/notifications';
import { chunks, type HostNotifications } from './host-notifications';

export function createElectronNotifications(bridge: Pick<LanternBridge, 'notifications' | 'on'>): HostNotifications {
  // Asked once, when the host is made: a notification clicked while no window was open opened this page for it.
  const pendingOpen = bridge.notifications.takePendingOpen().then(
    (payload) => payload.incidentId,
    () => null,
  );
  let pendingDelivered = false;
  return {
    async watch(update) {
      const watches = chunks(update.watches, MAX_WATCHES_PER_CALL);
      const removed = chunks(update.removed, MAX_WATCHES_PER_CALL);
      for (let i = 0; i < Math.max(watches.length, removed.length); i++) {
        await bridge.notifications.watch({ watches: watches[i] ?? [], removed: removed[i] ?? [] });
      }
    },
    async setPolicies(policies) {
      await bridge.notifications.setPolicies({ policies: [...policies] });
    },
    async report(activities) {
      for (const part of chunks(activities, MAX_ACTIVITIES_PER_CALL)) await bridge.notifications.report({ activities: part });
    },
    async setUser(name) {
      const trimmed = name?.trim() ?? '';
      await bridge.notifications.setUser({ name: trimmed === '' ? null : trimmed.slice(0, 200) });
    },
    list: () => bridge.notifications.list(),
    async markRead(ids) {
      if (ids === undefined) return (await bridge.notifications.markRead({})).changed;
      let changed = 0;
      for (const part of chunks(ids, MAX_CENTRE_ENTRIES)) changed += (await bridge.notifications.markRead({ ids: part })).changed;
      return changed;
    },
    getSettings: () => bridge.notifications.getSettings(),
    setSettings: (settings) => bridge.notifications.setSettings(settings),
    onChanged: (listener) => bridge.on('notifications:changed', listener),
    onOpen: (listener) => {
      let active = true;
      // To the first listener still subscribed when the answer arrives (React may subscribe, drop and subscribe again).
      void pendingOpen.then((incidentId) => {
        if (!active || pendingDelivered || incidentId === null) return;
        pendingDelivered = true;
        listener(incidentId);
      });
      const unsubscribe = bridge.on('notifications:open', (payload) => listener(payload.incidentId));
      return () => {
        active = false;
        unsubscribe();
      };
    },
    permission: () => 'granted',
    requestPermission: () => Promise.resolve('granted'),
  };
}
