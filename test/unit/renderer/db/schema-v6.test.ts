// Schema v6: a v5 database's bare search words become search keys with the update time; search finds the same rows.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidents, SCHEMA_VERSIONS } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { applySchema } from '../../../../renderer/db/schema';
import { searchKeyTime, SEARCH_KEY_SEPARATOR, wordsOfSearchKeys } from '../../../../renderer/db/search-words';
import { freshDb, testClock } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A v5 database named `name` holding three incidents as v5 stored them (bare words in searchWords). */
async function makeV5Database(name: string) {
  const source = freshDb('v5-source');
  open.push(source);
  const clock = testClock();
  const repo = createIncidentRepository(source, clock);
  const titles = ['Generator B failed to start', 'Chiller tripped', 'Generator A fuel low'];
  for (const title of titles) {
    clock.advance(60_000);
    const made = await repo.record({ title });
    if (!made.ok) throw new Error(made.error.message);
  }
  const rows = (await source.incidents.toArray()).map(({ searchKeys, ...row }) => ({ ...row, searchWords: wordsOfSearchKeys(searchKeys) }));
  const v5 = new Dexie(name);
  applySchema(v5, SCHEMA_VERSIONS.filter((entry) => entry.version <= 5));
  await v5.open();
  await v5.table('incidents').bulkAdd(rows);
  v5.close();
  return rows;
}

describe('schema v6 upgrade', () => {
  it('rewrites every row: search keys carry the update time, the bare words are gone, search lists newest first', async () => {
    const name = `v5-upgrade-${Math.random().toString(36).slice(2)}`;
    const before = await makeV5Database(name);
    const db = new LanternDb(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    const rows = await db.incidents.toArray();
    expect(rows).toHaveLength(3);
    for (const old of before) {
      const row = rows.find((r) => r.id === old.id)!;
      expect(row).not.toHaveProperty('searchWords');
      expect(wordsOfSearchKeys(row.searchKeys)).toEqual(old.searchWords);
      expect(row.searchKeys.every((key) => key.endsWith(`${SEARCH_KEY_SEPARATOR}${searchKeyTime(old.updatedAt)}`))).toBe(true);
    }
    expect((await findIncidents(db, { text: 'generator' }, 10)).map((i) => i.title)).toEqual(['Generator A fuel low', 'Generator B failed to start']);
  });
});

describe('search key time', () => {
  it('sorts like the instants it encodes and is empty for an invalid one', () => {
    const instants = ['1970-01-01T00:00:00.000Z', '2026-11-26T20:00:00.000Z', '2026-11-26T20:00:00.001Z', '2999-12-31T23:59:59.999Z'];
    const keys = instants.map(searchKeyTime);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys.map((key) => key.length))).toEqual(new Set([9]));
    expect(searchKeyTime('not a date')).toBe('');
  });
});
