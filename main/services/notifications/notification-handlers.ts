// IPC handlers of the `notifications` domain, wired to the notification service (scheduler, centre, settings).
import type { IpcHandlers } from '../../ipc/register-ipc-handlers';
import type { NotificationService } from '../../../shared/notifications/notification-service';

export type NotificationChannel =
  | 'notifications:watch'
  | 'notifications:report'
  | 'notifications:set-user'
  | 'notifications:list'
  | 'notifications:mark-read'
  | 'notifications:get-settings'
  | 'notifications:set-settings'
  | 'notifications:set-policies';

export type NotificationHandlerService = Pick<NotificationService, 'watch' | 'report' | 'setUser' | 'list' | 'markRead' | 'getSettings' | 'setSettings' | 'setPolicies'>;

export function createNotificationHandlers(service: NotificationHandlerService): Pick<IpcHandlers, NotificationChannel> {
  return {
    'notifications:watch': async (input) => {
      await service.watch(input);
      return null;
    },
    'notifications:report': async (input) => {
      await service.report(input.activities);
      return null;
    },
    'notifications:set-user': (input) => {
      service.setUser(input.name);
      return null;
    },
    'notifications:list': () => {
      const summary = service.list();
      return { entries: [...summary.entries], unread: summary.unread };
    },
    'notifications:mark-read': (input) => ({ changed: service.markRead(input.ids) }),
    'notifications:get-settings': () => service.getSettings(),
    'notifications:set-settings': async (settings) => {
      await service.setSettings(settings);
      return service.getSettings();
    },
    'notifications:set-policies': async (input) => {
      await service.setPolicies(input.policies);
      return null;
    },
  };
}
