// The notifications part of the Host API: feed the scheduler, read the centre, change quiet settings.
import type { NotificationActivity, NotificationCentreEntry, NotificationSettings, SlaPolicy, SlaWatch } from '../../shared/domain';

export interface CentreSnapshot {
  readonly entries: readonly NotificationCentreEntry[];
  readonly unread: number;
}

/** Whether the host may show system notifications; Electron is always 'granted' (main asks the OS itself). */
export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

export interface WatchUpdate {
  /** Fresh watches of open incidents that changed. */
  readonly watches: readonly SlaWatch[];
  /** Incidents that are gone, closed or resolved. */
  readonly removed: readonly string[];
}

export interface HostNotifications {
  /** Sends watches in batches the contract allows (any size may be passed). */
  watch(update: WatchUpdate): Promise<void>;
  /** The stored SLA policies, default first; every watch is re-planned with them. */
  setPolicies(policies: readonly SlaPolicy[]): Promise<void>;
  report(activities: readonly NotificationActivity[]): Promise<void>;
  /** The person now using this device (own actions never notify them). */
  setUser(name: string | null): Promise<void>;
  list(): Promise<CentreSnapshot>;
  /** Marks these entries read, or all when ids is omitted; resolves to how many changed. */
  markRead(ids?: readonly string[]): Promise<number>;
  getSettings(): Promise<NotificationSettings>;
  /** Saves and returns the settings now in force. */
  setSettings(settings: NotificationSettings): Promise<NotificationSettings>;
  /** Called whenever the centre changes (new entries, read state). */
  onChanged(listener: (snapshot: CentreSnapshot) => void): () => void;
  /** A notification was clicked: show this incident (null: the centre). */
  onOpen(listener: (incidentId: string | null) => void): () => void;
  permission(): NotificationPermissionState;
  /** Asks for permission (browser mode; call from a click, after explaining why). */
  requestPermission(): Promise<NotificationPermissionState>;
}

/** Splits a list into chunks of at most `size` (the IPC contract caps one message). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
