// folderSchedulerStore on a real temp folder: appends changes, migrates notifications.json once, survives torn or missing files.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStorage } from '../../../../../main/services/notifications/folder-storage';
import { folderSchedulerStore } from '../../../../../main/services/notifications/notification-state-store';
import type { Alert, CentreEntry, SchedulerChanges, SchedulerState } from '../../../../../shared/notifications/types';

const T0 = Date.parse('2026-11-23T09:00:00Z');

const alert = (id: string, dueAt = T0 + 60_000): Alert => ({
  key: `sla:${id}:resolve:breached:3600000`,
  category: 'sla',
  incidentId: id,
  dueAt,
  title: `Time to resolve breached: ${id}`,
  body: 'P1 · Pump down.',
  urgency: 'critical',
  priority: 1,
  major: false,
});

const entry = (id: string): CentreEntry => ({ id, category: 'sla', incidentId: 'inc-1', title: `Seen ${id}`, body: 'b', shownAt: T0, read: false, silent: false });

const NONE: SchedulerChanges = { scheduled: [], unscheduled: [], shownKeys: [], centreAdded: [], centreRead: [] };

function setup() {
  const userData = mkdtempSync(join(tmpdir(), 'lantern-notif-state-'));
  const dir = join(userData, 'notification-state');
  const legacyFile = join(userData, 'notifications.json');
  const problems: string[] = [];
  const open = () => folderSchedulerStore({ dir, legacyFile, onProblem: (message) => problems.push(message) });
  return { userData, dir, legacyFile, problems, open };
}

/** Saves changes the way the scheduler does: `full` is the state after them. */
async function saveAll(store: ReturnType<ReturnType<typeof setup>['open']>, steps: readonly SchedulerChanges[]) {
  let state: SchedulerState = (await store.load()) ?? { scheduled: [], shownKeys: [], centre: [] };
  for (const changes of steps) {
    const gone = new Set(changes.unscheduled);
    state = {
      scheduled: [...state.scheduled.filter((a) => !gone.has(a.key) && !changes.scheduled.some((b) => b.key === a.key)), ...changes.scheduled],
      shownKeys: [...state.shownKeys, ...changes.shownKeys],
      centre: [...changes.centreAdded, ...state.centre],
    };
    const snapshot = state;
    await store.save(changes, () => snapshot);
  }
  return state;
}

describe('folderSchedulerStore', () => {
  it('appends each save as a small file of its changes and restores them after a restart', async () => {
    const { dir, open } = setup();
    const store = open();
    await saveAll(store, [
      { ...NONE, scheduled: [alert('inc-1'), alert('inc-2')] },
      { ...NONE, unscheduled: [alert('inc-1').key], shownKeys: [alert('inc-1').key], centreAdded: [entry(alert('inc-1').key)] },
    ]);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['notifications.0.1.json', 'notifications.0.2.json']);
    expect(readFileSync(join(dir, 'notifications.0.2.json'), 'utf8')).not.toContain('inc-2');
    expect(statSync(join(dir, files[0]!)).mode & 0o077).toBe(0);
    const restored = await open().load();
    expect(restored?.scheduled.map((a) => a.key)).toEqual([alert('inc-2').key]);
    expect(restored?.shownKeys).toEqual([alert('inc-1').key]);
    expect(restored?.centre.map((e) => e.id)).toEqual([alert('inc-1').key]);
  });

  it('reads an existing notifications.json once as its base, then removes it, losing no pending alert or centre entry', async () => {
    const { dir, legacyFile, open, problems } = setup();
    const old = { version: 1, scheduled: [alert('inc-9')], shownKeys: ['sla:inc-9:response:breached:900000', 'conflict:c-1'], centre: [entry('a'), { ...entry('b'), read: true }] };
    writeFileSync(legacyFile, JSON.stringify(old));
    const first = await open().load();
    expect(first).toEqual({ scheduled: old.scheduled, shownKeys: old.shownKeys, centre: old.centre });
    expect(existsSync(legacyFile)).toBe(false);
    expect(readdirSync(dir)).toEqual(['notifications.json']);
    expect(await open().load()).toEqual(first);
    expect(problems).toEqual([]);
  });

  it('keeps the folder when notifications.json reappears after it (a crash between seeding and removal): the old file just goes', async () => {
    const { legacyFile, open } = setup();
    await saveAll(open(), [{ ...NONE, scheduled: [alert('inc-new')] }]);
    writeFileSync(legacyFile, JSON.stringify({ version: 1, scheduled: [alert('inc-old')], shownKeys: [], centre: [] }));
    const state = await open().load();
    expect(state?.scheduled.map((a) => a.incidentId)).toEqual(['inc-new']);
    expect(existsSync(legacyFile)).toBe(false);
  });

  it('a torn journal entry: replays the entries before it, says so, and the next save rewrites a whole base', async () => {
    const { dir, open, problems } = setup();
    await saveAll(open(), [{ ...NONE, scheduled: [alert('inc-1')] }, { ...NONE, scheduled: [alert('inc-2')] }, { ...NONE, scheduled: [alert('inc-3')] }]);
    const torn = join(dir, 'notifications.0.2.json');
    writeFileSync(torn, readFileSync(torn, 'utf8').slice(0, 40));
    const store = open();
    const state = await saveAll(store, [{ ...NONE, scheduled: [alert('inc-4')] }]);
    expect(state.scheduled.map((a) => a.incidentId)).toEqual(['inc-1', 'inc-4']);
    expect(problems.join(' ')).toMatch(/not valid JSON/);
    expect(readdirSync(dir)).toEqual(['notifications.json']);
    expect((await open().load())?.scheduled.map((a) => a.incidentId)).toEqual(['inc-1', 'inc-4']);
  });

  it('a missing base: entries of its generation still replay; entries of a lost later generation are ignored without failing', async () => {
    const { dir, open } = setup();
    await saveAll(open(), [{ ...NONE, scheduled: [alert('inc-1')] }]);
    expect((await open().load())?.scheduled).toHaveLength(1);
    rmSync(join(dir, 'notifications.0.1.json'));
    writeFileSync(join(dir, 'notifications.3.1.json'), JSON.stringify({ ...NONE, scheduled: [alert('inc-x')] }));
    writeFileSync(join(dir, 'notifications.json.1234.tmp'), '{"half');
    const store = open();
    expect(await store.load()).toBeNull();
    expect(readdirSync(dir)).not.toContain('notifications.json.1234.tmp');
    await saveAll(store, [{ ...NONE, scheduled: [alert('inc-2')] }]);
    expect((await open().load())?.scheduled.map((a) => a.incidentId)).toEqual(['inc-2']);
  });

  it('a damaged notifications.json is reported and retired; notifications start empty', async () => {
    const { legacyFile, open, problems } = setup();
    writeFileSync(legacyFile, '{"version":1,"scheduled":[{"key"');
    expect(await open().load()).toBeNull();
    expect(problems.join(' ')).toMatch(/not valid JSON/);
    expect(existsSync(legacyFile)).toBe(false);
  });
});

describe('FolderStorage', () => {
  it('writes changes in order, a key changed twice before its write is written once, and keys map to names inside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-folder-'));
    const storage = await FolderStorage.open(dir);
    storage.setItem('../escape/x', 'a');
    storage.setItem('k', '1');
    storage.setItem('k', '2');
    storage.removeItem('missing');
    await storage.idle();
    expect(storage.synced).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['..%2Fescape%2Fx.json', 'k.json']);
    const again = await FolderStorage.open(dir);
    expect(again.getItem('k')).toBe('2');
    expect(again.getItem('../escape/x')).toBe('a');
    again.removeItem('k');
    await again.idle();
    expect(readdirSync(dir)).toEqual(['..%2Fescape%2Fx.json']);
  });
});
