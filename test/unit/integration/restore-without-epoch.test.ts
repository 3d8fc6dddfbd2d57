// App laptops (Dexie + real engine) against the real HQ restored from an older copy of its SQLite file WITHOUT a new epoch:
// HQ notices from a laptop's signed pull cursor and starts one new epoch, or (no cursor proves it) the laptop whose push
// says so alone starts over; either way every operation ends up at HQ exactly once and the laptops converge.
import 'fake-indexeddb/auto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store';
import type { HqStore } from '../../../server/store/types';
import { fromIncidentRow } from '../../../renderer/db/incident-row';
import { HqDexieDevice } from './hq-dexie-device';

/** The store the app talks to, swappable underneath it (taking a backup, restoring it). */
function swappableStore(initial: HqStore): { store: HqStore; swap: (next: HqStore) => void } {
  let current = initial;
  const store = new Proxy({} as HqStore, {
    get: (_target, prop) => {
      const value = (current as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { store, swap: (next) => (current = next) };
}

describe('HQ restored from a backup without new-epoch (real HQ, SQLite)', () => {
  const dirs: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A real HQ on a SQLite file that can be copied (the backup) and restored, and two enrolled app laptops. */
  async function restorableHq() {
    const live = mkdtempSync(join(tmpdir(), 'lantern-restore-live-'));
    const backup = mkdtempSync(join(tmpdir(), 'lantern-restore-backup-'));
    dirs.push(live, backup);
    let hqStore = openSqliteStore(live);
    const { store, swap } = swappableStore(hqStore);
    const adminToken = newToken();
    const app = await buildHqApp({ store, adminTokenHash: hashSecret(adminToken), limits: { rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } }, logError: () => undefined });
    cleanups.push(async () => {
      await app.close();
      await hqStore.close();
    });
    let now = Date.UTC(2026, 2, 1, 9);
    const clock = { nowMs: () => now, offsetMinutes: () => 60 };
    const [a, b] = [await HqDexieDevice.enroll(app, adminToken, 'Laptop A', clock), await HqDexieDevice.enroll(app, adminToken, 'Laptop B', clock)];
    const synced = async (device: HqDexieDevice) => {
      now += 1_000;
      const report = await device.sync();
      if (report instanceof Error) throw report;
      return report;
    };
    return {
      a,
      b,
      store,
      synced,
      /** Copies HQ's file as it is now (the store closed first, so everything is in it). */
      takeBackup: async () => {
        await hqStore.close();
        cpSync(live, backup, { recursive: true });
        hqStore = openSqliteStore(live);
        swap(hqStore);
      },
      /** HQ runs on the backup from now on; nobody ran new-epoch. */
      restoreBackup: async () => {
        await hqStore.close();
        hqStore = openSqliteStore(backup);
        swap(hqStore);
      },
    };
  }

  it('the laptops send what HQ lost again, in one new epoch, and converge', { timeout: 60_000 }, async () => {
    const { a, b, store, synced, takeBackup, restoreBackup } = await restorableHq();
    const ids = async () => (await b.db.incidents.toCollection().primaryKeys()).map(String).sort();

    for (let i = 0; i < 3; i++) expect((await b.repo.record({ title: `Incident ${i}` })).ok).toBe(true);
    await synced(b);
    await synced(a);
    await takeBackup();

    const [first, second] = await ids();
    for (const id of [first!, second!]) expect((await a.repo.addNote(id, 'A was here')).ok).toBe(true);
    await synced(a);
    for (let i = 0; i < 3; i++) expect((await b.repo.addNote(first!, `B later ${i}`)).ok).toBe(true);
    await synced(b);
    await synced(a);
    const before = (await store.meta()).epoch;

    // Restored from the backup, and nobody ran new-epoch: A's 2 notes and B's 3 are gone, the epoch is the same.
    await restoreBackup();
    expect((await store.meta()).epoch).toBe(before);
    expect((await b.repo.addNote(second!, 'After the restore')).ok).toBe(true);

    // B's push says HQ confirmed more than it holds (not enough alone); its signed cursor proves it: one new epoch.
    expect((await synced(b)).epochResets).toBe(1);
    const renewed = (await store.meta()).epoch;
    expect(renewed).not.toBe(before);
    await synced(a);
    await synced(b);
    await synced(a);
    expect((await store.meta()).epoch).toBe(renewed);

    const held = await a.pullAllOps();
    expect(new Set(held.map((o) => o.op.opId)).size).toBe(held.length);
    expect(held).toHaveLength(3 + 2 + 3 + 1);
    const incidentsOf = async (device: HqDexieDevice) => (await device.db.incidents.toArray()).map(fromIncidentRow).sort((x, y) => x.id.localeCompare(y.id));
    const timelineOf = async (device: HqDexieDevice) => (await device.db.timeline.toArray()).map((e) => e.id).sort();
    expect(await incidentsOf(a)).toEqual(await incidentsOf(b));
    expect(await timelineOf(a)).toEqual(await timelineOf(b));
    expect(await timelineOf(a)).toHaveLength(3 + 2 + 3 + 1);
  });

  it('when no cursor proves the loss, the laptop whose push claims it alone starts over, and nothing is lost', { timeout: 60_000 }, async () => {
    const { a, b, store, synced, takeBackup, restoreBackup } = await restorableHq();
    for (let i = 0; i < 3; i++) expect((await b.repo.record({ title: `Incident ${i}` })).ok).toBe(true);
    await synced(b);
    await synced(a);
    await takeBackup();
    const [first] = (await b.db.incidents.toCollection().primaryKeys()).map(String).sort();
    for (let i = 0; i < 3; i++) expect((await b.repo.addNote(first!, `B later ${i}`)).ok).toBe(true);
    await synced(b); // HQ hands out 4–6; B's cursor is at 6
    const before = (await store.meta()).epoch;

    await restoreBackup();
    // A, which lost nothing, records 5 incidents: HQ hands out 4–8 again, past B's cursor, which so proves nothing.
    for (let i = 0; i < 5; i++) expect((await a.repo.record({ title: `A ${i}` })).ok).toBe(true);
    await synced(a);
    expect((await b.repo.addNote(first!, 'After the restore')).ok).toBe(true);
    // B's push says HQ confirmed 1–6 of its operations (HQ holds 1–3): B alone sends everything again; no new epoch.
    expect((await synced(b)).epochResets).toBe(1);
    expect((await store.meta()).epoch).toBe(before);
    await synced(a);
    await synced(b);

    const held = await a.pullAllOps();
    expect(new Set(held.map((o) => o.op.opId)).size).toBe(held.length);
    expect(held).toHaveLength(3 + 3 + 5 + 1);
    const incidentsOf = async (device: HqDexieDevice) => (await device.db.incidents.toArray()).map(fromIncidentRow).sort((x, y) => x.id.localeCompare(y.id));
    const timelineOf = async (device: HqDexieDevice) => (await device.db.timeline.toArray()).map((e) => e.id).sort();
    expect(await incidentsOf(a)).toEqual(await incidentsOf(b));
    expect(await timelineOf(a)).toEqual(await timelineOf(b));
    expect(await timelineOf(a)).toHaveLength(3 + 3 + 5 + 1);
  });
});
