// Who is at the keyboard: the author stamped on every change made on this device.
import { authorSchema, type Author } from '../../shared/domain';
import type { LanternDb } from './database';
import { readMeta, writeMeta } from './meta';
import { fail, succeed, type RepoResult } from './repo-result';
import { describeStorageError } from './storage';

/** Used until someone sets their name; entries still record which device made them. */
export const DEFAULT_AUTHOR: Author = { name: 'Unknown user' };

export async function getCurrentUser(db: LanternDb): Promise<Author> {
  return (await readMeta(db, 'currentUser')) ?? DEFAULT_AUTHOR;
}

export async function setCurrentUser(db: LanternDb, author: Author): Promise<RepoResult<Author>> {
  const parsed = authorSchema.safeParse(author);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return fail({ code: 'invalid-input', ...(field !== undefined ? { field: String(field) } : {}), message: issue?.message ?? 'Enter your name.' });
  }
  try {
    // One transaction: the person at the keyboard, and the list the next handover picks from.
    await db.transaction('rw', db.meta, async () => {
      const recent = await getRecentUsers(db);
      await writeMeta(db, 'currentUser', parsed.data);
      await writeMeta(db, 'recentUsers', [parsed.data, ...recent.filter((other) => !samePerson(other, parsed.data))].slice(0, RECENT_USERS_KEPT));
    });
    return succeed(parsed.data);
  } catch (error) {
    return fail(describeStorageError(error));
  }
}

/** How many people the quick switch remembers: a shift's worth of handovers on one shared laptop. */
export const RECENT_USERS_KEPT = 8;

/** One person in one position (as the activity log counts them): the same name in two positions is two entries. */
export function samePerson(a: Author, b: Author): boolean {
  return a.name === b.name && (a.position ?? '') === (b.position ?? '');
}

/** People who worked here, most recent first; a damaged entry is left out rather than offered. */
export async function getRecentUsers(db: LanternDb): Promise<Author[]> {
  const stored: unknown = await readMeta(db, 'recentUsers');
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const parsed = authorSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
