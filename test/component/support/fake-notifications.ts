// A host notification port that does nothing: tests override the calls they record.
import type { HostNotifications } from '../../../renderer/host/host-notifications';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../shared/domain';

export function fakeNotifications(overrides: Partial<HostNotifications> = {}): HostNotifications {
  return {
    setPolicies: async () => undefined,
    watch: async () => undefined,
    report: async () => undefined,
    setUser: async () => undefined,
    list: async () => ({ entries: [], unread: 0 }),
    markRead: async () => 0,
    getSettings: async () => DEFAULT_NOTIFICATION_SETTINGS,
    setSettings: async (settings) => settings,
    onChanged: () => () => undefined,
    onOpen: () => () => undefined,
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    ...overrides,
  };
}
