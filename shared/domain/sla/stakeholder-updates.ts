// "Next stakeholder update due": how often an incident's stakeholders must hear from people, and when the next update is due.
import { SYSTEM_AUTHOR } from '../author';
import type { TimelineEvent } from '../timeline';

const MIN = 60_000;

/** The intervals offered in the detail view and in the notification settings (minutes). */
export const UPDATE_EVERY_CHOICES = [15, 30, 60, 120, 240] as const;

/** The offered intervals plus a stored one not among them (45 min set elsewhere), so a select shows and keeps it. */
export function updateIntervalChoices(current: number | null | undefined): number[] {
  const choices: number[] = [...UPDATE_EVERY_CHOICES];
  if (typeof current === 'number' && current > 0 && !choices.includes(current)) choices.push(current);
  return choices.sort((a, b) => a - b);
}

/**
 * The last stakeholder update made by a person: the newest outgoing communication not written by Lantern itself.
 * An automatic escalation's message to a role is not an update to stakeholders, so it must not reset the reminder.
 */
export function lastStakeholderUpdateAt(events: readonly TimelineEvent[]): number | null {
  let last: number | null = null;
  for (const event of events) {
    if (event.kind !== 'communication' || event.direction !== 'outgoing') continue;
    if (event.author.name === SYSTEM_AUTHOR.name) continue;
    const at = Date.parse(event.at.utc);
    if (Number.isFinite(at) && (last === null || at > last)) last = at;
  }
  return last;
}

/** What decides an incident's interval: its own setting (0 = none) or, when unset, the default for major incidents. */
export interface UpdateCadenceSubject {
  readonly major: boolean;
  readonly updateEveryMinutes?: number | null | undefined;
}

export interface UpdateCadence {
  /** Minutes between updates; null: no reminders for this incident. */
  readonly everyMinutes: number | null;
  /** 'incident': set on the incident; 'default': the major-incident default of this device; 'none': neither applies. */
  readonly source: 'incident' | 'default' | 'none';
}

export function stakeholderUpdateCadence(subject: UpdateCadenceSubject, majorDefaultMinutes: number | null): UpdateCadence {
  const own = subject.updateEveryMinutes;
  if (own === 0) return { everyMinutes: null, source: 'incident' };
  if (typeof own === 'number') return { everyMinutes: own, source: 'incident' };
  if (subject.major && majorDefaultMinutes !== null) return { everyMinutes: majorDefaultMinutes, source: 'default' };
  return { everyMinutes: null, source: 'none' };
}

/** When the next update is due: one interval after the last update by a person, or after the incident was recorded. */
export function nextStakeholderUpdateDue(lastUpdateAtMs: number | null, createdAtMs: number, everyMinutes: number): number {
  return (lastUpdateAtMs ?? createdAtMs) + everyMinutes * MIN;
}

/** "30 min", "2 h", "1 h 30 min": an interval as it reads in the app. */
export function intervalText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** "every 30 min", "every 2 h". */
export function updateEveryText(minutes: number): string {
  return `every ${intervalText(minutes)}`;
}
