// This device's drill mode: read, switch (with who and when) and watch; a device setting, not synced.
import type { Author } from '../../shared/domain';
import type { LanternDb } from './database';
import { readMeta, writeMeta, type DrillMode } from './meta';
import { fail, succeed, type RepoResult } from './repo-result';
import { describeStorageError } from './storage';

export const DRILL_MODE_OFF: DrillMode = { on: false, changedAt: '', by: '' };

export async function readDrillMode(db: LanternDb): Promise<DrillMode> {
  const stored = await readMeta(db, 'drillMode');
  // A damaged row reads as off: a real incident wrongly marked as a drill would be left out of counts.
  return stored !== undefined && typeof stored.on === 'boolean' ? stored : DRILL_MODE_OFF;
}

export async function setDrillMode(db: LanternDb, on: boolean, by: Author, now: Date = new Date()): Promise<RepoResult<DrillMode>> {
  const value: DrillMode = { on, changedAt: now.toISOString(), by: by.name };
  try {
    await writeMeta(db, 'drillMode', value);
    return succeed(value);
  } catch (error) {
    return fail(describeStorageError(error));
  }
}
