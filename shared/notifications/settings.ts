// The quiet rules: per-category mute, do not disturb (and tray pause) with P1/major exceptions, same-person test.
import type { NotificationSettings } from '../domain';
import type { Alert } from './types';

export { DEFAULT_NOTIFICATION_SETTINGS, notificationSettingsSchema, type NotificationSettings } from '../domain';

export function isDoNotDisturb(settings: NotificationSettings, nowMs: number): boolean {
  return settings.paused || (settings.doNotDisturbUntil !== null && nowMs < settings.doNotDisturbUntil);
}

/** True when an alert may interrupt the person now (it is always listed in the centre either way). */
export function mayInterrupt(alert: Alert, settings: NotificationSettings, nowMs: number): boolean {
  if (settings.muted.includes(alert.category)) return false;
  if (!isDoNotDisturb(settings, nowMs)) return true;
  return alert.priority === 1 || alert.major;
}

/** Names are compared trimmed and case-insensitively ("ana field" typed on one laptop is "Ana Field" on another). */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = a.trim().toLocaleLowerCase('en');
  return x !== '' && x === b.trim().toLocaleLowerCase('en');
}
