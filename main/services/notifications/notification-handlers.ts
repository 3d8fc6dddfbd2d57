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
  | 'notifications:set-policies'
  | 'notifications:take-pending-open';

export type NotificationHandlerService = Pick<NotificationService, 'watch' | 'report' | 'setUser' | 'list' | 'markRead' | 'getSettings' | 'setSettings' | 'setPolicies'>;

/** `takePendingOpen`: the incident of a notification clicked while no window was open (once; null otherwise). */
export function createNotificationHandlers(service: NotificationHandlerService, takePendingOpen: () => string | null = () => null): Pick<IpcHandlers, NotificationChannel> {
  return {
    'notifications:take-pending-open': () => ({ incidentId: takePendingOpen() }),
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
