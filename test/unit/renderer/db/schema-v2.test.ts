// Schema v2: a v1 database upgrades keeping every row, gains seeded reference lists and a full-text index over notes.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, DEFAULT_REFERENCE, readReferenceList, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { wordsOfSearchKeys } from '../../../../renderer/db/search-words';
import { DEFAULT_HOLD_REASONS } from '../../../../shared/domain';
import { freshDb, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** Builds a v1 database named `name` holding the rows a v1 build would have written. */
async function makeV1Database(name: string) {
  const source = freshDb('v1-source');
  open.push(source);
  const repo = createIncidentRepository(source, testClock());
  const first = await repo.record({ title: 'Generator B failed to start', description: 'Diesel smell near the switchgear' });
  const second = await repo.record({ title: 'Chiller tripped' });
  if (!first.ok || !second.ok) throw new Error('setup failed');
  await repo.addNote(first.value.id, 'Vendor technician dispatched with spare injector');
  const incidents = (await source.incidents.toArray()).map(({ searchKeys: _w, noteWords: _n, ...v1Row }) => v1Row);
  const [timeline, outbox, meta] = await Promise.all([source.timeline.toArray(), source.outbox.toArray(), source.meta.toArray()]);

  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
  await v1.open();
  await v1.table('incidents').bulkAdd(incidents);
  await v1.table('timeline').bulkAdd(timeline);
  await v1.table('outbox').bulkAdd(outbox);
  await v1.table('meta').bulkAdd(meta);
  v1.close();
  return { incidents, timeline, outbox, meta, firstId: first.value.id, secondId: second.value.id };
}

const LATEST_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

describe('schema v2 upgrade', () => {
  it('keeps every v1 row and adds the search words of title, description and notes', async () => {
    const name = `v1-upgrade-${Math.random().toString(36).slice(2)}`;
    const before = await makeV1Database(name);
    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);

    const rows = await db.incidents.toArray();
    expect(rows).toHaveLength(2);
    for (const old of before.incidents) expect(rows.find((row) => row.id === old.id)).toMatchObject(old);
    expect(await db.timeline.toArray()).toEqual(before.timeline);
    expect(await db.outbox.toArray()).toEqual(before.outbox);
    expect(await db.meta.toArray()).toEqual(before.meta);

    const first = rows.find((row) => row.id === before.firstId)!;
    expect(wordsOfSearchKeys(first.searchKeys)).toEqual(expect.arrayContaining(['generator', 'diesel', 'switchgear', 'vendor', 'injector']));
    expect(first.noteWords).toEqual(expect.arrayContaining(['vendor', 'technician', 'injector']));
    expect(await db.incidents.where('searchKeys').startsWith('inject').primaryKeys()).toEqual([before.firstId]);
    expect(await db.incidents.where('searchKeys').startsWith('chiller').primaryKeys()).toEqual([before.secondId]);
  });

  it('seeds the reference lists during the upgrade', async () => {
    const name = `v1-seed-${Math.random().toString(36).slice(2)}`;
    await makeV1Database(name);
    const db = new LanternDb(name);
    open.push(db);
    expect(await readReferenceList(db, 'holdReason')).toEqual([...DEFAULT_HOLD_REASONS]);
    expect(await db.reference.where('kind').equals('team').count()).toBe(DEFAULT_REFERENCE.team.length);
  });
});

describe('a new database', () => {
  it('starts at the latest version with the reference defaults seeded (populate)', async () => {
    const db = freshDb('fresh-v2');
    open.push(db);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await readReferenceList(db, 'resolutionCode')).toEqual([...DEFAULT_REFERENCE.resolutionCode]);
    expect(await readReferenceList(db, 'category')).toContain('Facility › HVAC');
  });
});
