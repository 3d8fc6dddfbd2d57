// Inert handlers for the notifications channels, for tests that exercise other channels through registerIpcHandlers.
import { createNotificationHandlers, type NotificationChannel } from '../../../../../main/services/notifications/notification-handlers';
import type { IpcHandlers } from '../../../../../main/ipc/register-ipc-handlers';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../../shared/domain';

export function stubNotificationHandlers(): Pick<IpcHandlers, NotificationChannel> {
  return createNotificationHandlers({
    watch: async () => undefined,
    report: async () => undefined,
    setUser: () => undefined,
    list: () => ({ entries: [], unread: 0 }),
    markRead: () => 0,
    getSettings: () => DEFAULT_NOTIFICATION_SETTINGS,
    setSettings: async () => undefined,
    setPolicies: async () => undefined,
  });
}
