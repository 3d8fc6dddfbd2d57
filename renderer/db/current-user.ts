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
    await writeMeta(db, 'currentUser', parsed.data);
    return succeed(parsed.data);
  } catch (error) {
    return fail(describeStorageError(error));
  }
}
