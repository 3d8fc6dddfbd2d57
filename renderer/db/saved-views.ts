// Saved views: a named filter + sort kept on this device (a personal preference, so no timeline event and no outbox op).
import { newId } from '../../shared/domain';
import type { FindQuery } from './find-query';
import type { LanternDb } from './database';
import { fail, succeed, type RepoResult } from './repo-result';
import { describeStorageError, isStorageError } from './storage';

export interface SavedViewRow {
  id: string;
  name: string;
  query: FindQuery;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export function listSavedViews(db: LanternDb): Promise<SavedViewRow[]> {
  return db.views.orderBy('name').toArray();
}

export async function saveView(db: LanternDb, name: string, query: FindQuery, id: string = newId()): Promise<RepoResult<SavedViewRow>> {
  const trimmed = name.trim();
  if (trimmed === '') return fail({ code: 'missing-field', field: 'name', message: 'Give the view a name.' });
  if (trimmed.length > 80) return fail({ code: 'invalid-input', field: 'name', message: 'View names are limited to 80 characters.' });
  const row: SavedViewRow = { id, name: trimmed, query, createdAt: new Date().toISOString() };
  try {
    await db.views.put(row);
    return succeed(row);
  } catch (error) {
    if (isStorageError(error)) return fail(describeStorageError(error));
    throw error;
  }
}

export async function deleteView(db: LanternDb, id: string): Promise<void> {
  await db.views.delete(id);
}
