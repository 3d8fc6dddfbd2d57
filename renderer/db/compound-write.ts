// One all-tables write transaction holding one or more changes plus the writes that go with them (files, draft delete):
// a refusal or a storage failure rolls all of it back and comes back as a RepoResult.
import { Dexie, type Transaction } from 'dexie';
import type { Clock } from './clock';
import { commitChange, type CommittedChange, type PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { fail, succeed, type RepoError, type RepoResult } from './repo-result';
import { describeWriteFailure } from './storage';

/** Commits a change inside the compound write; a refusal aborts the whole write. */
export type CommitInside = (command: PlannedCommand) => Promise<CommittedChange>;

export async function compoundWrite<T>(db: LanternDb, clock: Clock, work: (commit: CommitInside) => Promise<T>): Promise<RepoResult<T>> {
  let refusal: RepoError | undefined;
  let transaction: Transaction | undefined;
  try {
    // Every table: commitChange joins as a sub-transaction and may only touch tables in this scope,
    // so whatever tables the write path uses now or later stay covered.
    const value = await db.transaction('rw', db.tables, async () => {
      transaction = Dexie.currentTransaction;
      return work(async (command) => {
        const result = await commitChange(db, clock, command);
        if (result.ok) return result.value;
        refusal = result.error;
        throw new Error(result.error.message);
      });
    });
    return succeed(value);
  } catch (error) {
    if (refusal) return fail(refusal);
    const storage = describeWriteFailure(error, transaction);
    if (storage) return fail(storage);
    throw error;
  }
}
