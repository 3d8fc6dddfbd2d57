// The database taken away under the page: closed for good (never reopened or recreated), the loss reported once, saves refused in words that say reload.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice } from '../../../../renderer/db';
import { DATABASE_CLOSING_EVENT, databaseLossOf, watchDatabaseLoss, type DatabaseLoss } from '../../../../renderer/db/database-lost';
import { DATABASE_CLOSED_MESSAGE } from '../../../../renderer/db/storage';
import { freshDb } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function watched() {
  const db = freshDb('lost');
  open.push(db);
  await ensureDevice(db);
  const losses: DatabaseLoss[] = [];
  const closing: string[] = [];
  const win = { dispatchEvent: (event: Event) => (closing.push(event.type), true) };
  watchDatabaseLoss(db, (loss) => losses.push(loss), win);
  await db.meta.count(); // the 'ready' subscriber has run
  return { db, losses, closing, repo: createIncidentRepository(db) };
}

describe('watchDatabaseLoss', () => {
  it('lets another window upgrade at once, after asking open forms to write their drafts, and refuses saves with a reload message', async () => {
    const { db, losses, closing, repo } = await watched();
    const newer = new Dexie(db.name);
    open.push(newer);
    newer.version(100).stores({});
    await newer.open(); // would wait forever if this page held the database open
    expect(closing).toEqual([DATABASE_CLOSING_EVENT]);
    expect(losses).toEqual(['updated']);
    expect(databaseLossOf(db)).toBe('updated');
    expect(await repo.record({ title: 'Generator fuel low' })).toMatchObject({ ok: false, error: { message: DATABASE_CLOSED_MESSAGE } });
  });

  it('does not recreate a deleted database (an empty one with a new device identity)', async () => {
    const { db, losses, repo } = await watched();
    await Dexie.delete(db.name);
    expect(losses).toEqual(['removed']);
    expect(await repo.record({ title: 'Lift stuck' })).toMatchObject({ ok: false, error: { message: DATABASE_CLOSED_MESSAGE } });
    expect(await Dexie.exists(db.name)).toBe(false);
  });

  it('closes for good when the browser closes the connection itself, and reports it once', async () => {
    const { db, losses, repo } = await watched();
    const connection = db.backendDB();
    connection.onclose?.call(connection, new Event('close'));
    connection.onclose?.call(connection, new Event('close'));
    await Promise.resolve();
    expect(losses).toEqual(['removed']);
    expect(await repo.record({ title: 'Door alarm' })).toMatchObject({ ok: false, error: { message: DATABASE_CLOSED_MESSAGE } });
    expect(db.isOpen()).toBe(false);
  });
});
