// An older Lantern refuses a database a newer one upgraded (Dexie 4 would open it), says why, and changes nothing.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { ensureDevice } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { NEWER_DATABASE_MESSAGE, newerDatabaseErrorOf } from '../../../../renderer/db/newer-database';
import { SCHEMA_VERSIONS } from '../../../../renderer/db/schema';

const LATEST = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

describe('a database from a newer Lantern', () => {
  it('is refused with plain words, and its rows stay as they were', async () => {
    const name = `newer-${Math.random().toString(36).slice(2)}`;
    const current = new LanternDb(name);
    await ensureDevice(current);
    const metaBefore = await current.meta.toArray();
    current.close();
    // A newer Lantern adds version LATEST + 1.
    const newer = new Dexie(name);
    for (const entry of SCHEMA_VERSIONS) newer.version(entry.version).stores(entry.stores);
    newer.version(LATEST + 1).stores({ futureTable: 'id' });
    await newer.open();
    newer.close();

    const older = new LanternDb(name);
    const error = await ensureDevice(older).then(() => null, (e: unknown) => e);
    expect(newerDatabaseErrorOf(error)?.message).toBe(NEWER_DATABASE_MESSAGE);
    expect(older.isOpen()).toBe(false);
    const check = new Dexie(name);
    await check.open();
    expect(check.verno).toBe(LATEST + 1);
    expect(await check.table('meta').toArray()).toEqual(metaBefore);
    check.close();
  });

  it('the current database opens as before', async () => {
    const db = new LanternDb(`same-${Math.random().toString(36).slice(2)}`);
    await expect(ensureDevice(db)).resolves.toMatchObject({ deviceId: expect.any(String) });
    db.close();
  });
});
