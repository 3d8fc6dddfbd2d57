// Automatic close: the device setting (days after resolving, 0 = off) and the close itself, written once.
import { useLiveQuery } from 'dexie-react-hooks';
import { applyAutoClose, autoCloseDaysSchema, autoClosePlan, autoCloseStamp, DEFAULT_AUTO_CLOSE_DAYS, type AutoClosePlan } from '../../shared/domain';
import type { Clock } from './clock';
import type { LanternDb } from './database';
import { readMeta, writeMeta } from './meta';
import { fail, succeed, type RepoResult } from './repo-result';
import { describeStorageError } from './storage';
import { applySystemChange, type SystemChangeResult } from './system-changes';
import { useLanternDb } from './db-context';

export async function readAutoCloseDays(db: LanternDb): Promise<number> {
  const stored = await readMeta(db, 'autoCloseDays');
  // A damaged value reads as the default rather than "never": closing late is safer than a setting nobody chose.
  return autoCloseDaysSchema.safeParse(stored).success ? (stored as number) : DEFAULT_AUTO_CLOSE_DAYS;
}

/** Stores the setting; a refused value (not whole days 0–365) changes nothing and says what to enter. */
export async function setAutoCloseDays(db: LanternDb, days: unknown): Promise<RepoResult<number>> {
  const parsed = autoCloseDaysSchema.safeParse(days);
  if (!parsed.success) return fail({ code: 'invalid-input', message: parsed.error.issues[0]?.message ?? 'Enter a number of days.' });
  try {
    await writeMeta(db, 'autoCloseDays', parsed.data);
    return succeed(parsed.data);
  } catch (error) {
    return fail(describeStorageError(error));
  }
}

/** The setting, live (undefined while loading). */
export function useAutoCloseDays(): number | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => readAutoCloseDays(db), [db]);
}

/**
 * Closes a resolved incident by its plan, exactly once on this device: inside the transaction it checks that the
 * plan's entry is not on the timeline yet (another tab, or a sync that brought another device's close) and that
 * the resolution it counts from is still the current one (a reopen and re-resolve arrived meanwhile).
 */
export async function applyDueAutoClose(db: LanternDb, clock: Clock, plan: AutoClosePlan): Promise<SystemChangeResult> {
  return applySystemChange(db, clock, plan.incidentId, async (incident, { ctx }) => {
    if (incident.status !== 'resolved') return null;
    // autoClosePlan also answers null when the plan's entry is already on the timeline.
    const events = await db.timeline.where('incidentId').equals(plan.incidentId).toArray();
    if (autoClosePlan(incident, events, plan.days)?.id !== plan.id) return null;
    return applyAutoClose(incident, plan, { deviceId: ctx.deviceId, now: ctx.now, hlc: autoCloseStamp(events, ctx.deviceId) });
  });
}
