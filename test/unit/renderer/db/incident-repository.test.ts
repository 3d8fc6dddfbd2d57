// The repository writes incident, timeline event and outbox operation together, and refuses bad changes cleanly.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, ensureDevice, getCurrentUser, setCurrentUser, type IncidentRepository } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import { toIncidentRow } from '../../../../renderer/db/incident-row';
import { compareHlc, incidentSchema, LIMITS, newId, type Incident } from '../../../../shared/domain';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, snapshot, testClock, type TestClock } from './db-test-kit';

let db: LanternDb;
let clock: TestClock;
let repo: IncidentRepository;

function setup() {
  db = freshDb('repo');
  clock = testClock();
  repo = createIncidentRepository(db, clock);
}

afterEach(() => db?.close());

async function recorded(title = 'Generator failed to start'): Promise<Incident> {
  const result = await repo.record({ title, site: ['Main campus', 'Block A'], category: ['Facility', 'Generator & UPS'] });
  if (!result.ok) throw new Error(`record failed: ${result.error.message}`);
  return result.value;
}

function stripState<T extends { state: unknown }>(row: T): Omit<T, 'state'> {
  const { state: _state, ...operation } = row;
  return operation;
}

describe('record', () => {
  it('stores the incident, a created event and one schema-valid pending operation', async () => {
    setup();
    const incident = await recorded();
    const device = await ensureDevice(db);

    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(incident.number).toBe(`${device.devicePrefix}-0001`);
    expect(incident.originDeviceId).toBe(device.deviceId);
    expect(incident.createdBy).toEqual({ name: 'Unknown user' });
    expect(incident.reportedAt).toEqual({ utc: '2026-11-26T14:00:00.000Z', offsetMinutes: 60 });

    const rows = await db.incidents.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ...incident, categoryKey: 'Facility › Generator & UPS', siteKey: 'Main campus › Block A', majorFlag: 0, assigneeKey: '', teamKey: '' });
    // The returned incident is the domain record, without storage-only index fields.
    expect(incident).not.toHaveProperty('categoryKey');

    const events = await db.timeline.toArray();
    expect(events).toEqual([expect.objectContaining({ kind: 'created', incidentId: incident.id, title: 'Generator failed to start' })]);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.state).toBe('pending');
    expect(outbox[0]!.deviceSeq).toBe(1);
    expect(operationSchema.parse(stripState(outbox[0]!))).toEqual(stripState(outbox[0]!));
    expect(outbox[0]!.init?.number).toBe(incident.number);
    expect(outbox[0]!.event).toEqual(events[0]);
  });

  it('numbers incidents and operations 1, 2, 3 … and stamps strictly increasing HLCs, even when the clock stands still or runs back', async () => {
    setup();
    const incidents: Incident[] = [];
    for (let i = 0; i < 5; i++) {
      incidents.push(await recorded(`Incident ${i}`));
      if (i === 2) clock.advance(-3_600_000); // the OS clock jumps back an hour
    }
    const prefix = (await ensureDevice(db)).devicePrefix;
    expect(incidents.map((i) => i.number)).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}-000${n}`));

    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    expect(outbox.map((op) => op.deviceSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(outbox.map((op) => op.opId)).size).toBe(5);
    for (let i = 1; i < outbox.length; i++) expect(compareHlc(outbox[i - 1]!.hlc, outbox[i]!.hlc)).toBeLessThan(0);
    for (const op of outbox) expect(operationSchema.safeParse(stripState(op)).success).toBe(true);
  });

  it('concurrent writes, from one tab or two, never share a deviceSeq or an incident number', async () => {
    setup();
    const otherConnection = new LanternDb(db.name);
    const otherTab = createIncidentRepository(otherConnection, clock);
    const results = await Promise.all([
      ...[0, 1, 2].map((i) => repo.record({ title: `Tab A ${i}` })),
      ...[0, 1, 2].map((i) => otherTab.record({ title: `Tab B ${i}` })),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    expect(outbox.map((op) => op.deviceSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set((await db.incidents.toArray()).map((i) => i.number)).size).toBe(6);
    expect(new Set(outbox.map((op) => op.hlc)).size).toBe(6);
    otherConnection.close();
  });

  it('skips an incident number already taken by a synced incident from a device with the same prefix', async () => {
    setup();
    const first = await recorded('First');
    const prefix = first.number.slice(0, 4);
    // As sync would store it: another device's incident that happens to carry this device's next number.
    await db.incidents.add(toIncidentRow({ ...first, id: newId(), number: `${prefix}-0002`, originDeviceId: newId() }));
    const second = await recorded('Second');
    const third = await recorded('Third');
    expect([second.number, third.number]).toEqual([`${prefix}-0003`, `${prefix}-0004`]);
    expect((await db.meta.get('counters'))?.value).toMatchObject({ nextIncidentCounter: 5 });
  });

  it('refuses invalid input with the field and writes nothing', async () => {
    setup();
    await ensureDevice(db);
    const before = await snapshot(db);
    const result = await repo.record({ title: '   ' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-input', field: 'title', message: 'Enter a title' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses to date anything by a clock that says 1970, with a message a person can act on', async () => {
    setup();
    const incident = await recorded();
    const before = await snapshot(db);
    clock.set(0);
    for (const result of [await repo.record({ title: 'After the battery died' }), await repo.addNote(incident.id, 'note')]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'clock-wrong', message: expect.stringContaining('clock says 1970-01-01') } });
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('creates the device identity on first use, inside the same transaction', async () => {
    setup();
    const incident = await recorded();
    const device = await ensureDevice(db);
    expect(incident.number.startsWith(device.devicePrefix)).toBe(true);
    expect((await db.outbox.toArray())[0]!.deviceId).toBe(device.deviceId);
  });

  it('stamps the current user as author once set', async () => {
    setup();
    expect(await getCurrentUser(db)).toEqual({ name: 'Unknown user' });
    expect(await setCurrentUser(db, { name: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'name' } });
    expect(await setCurrentUser(db, { name: 'Ana Ruiz', position: 'Facility Unit Leader' })).toMatchObject({ ok: true });
    const incident = await recorded();
    expect(incident.createdBy).toEqual({ name: 'Ana Ruiz', position: 'Facility Unit Leader' });
    expect((await db.timeline.toArray())[0]!.author).toEqual({ name: 'Ana Ruiz', position: 'Facility Unit Leader' });
  });
});

describe('edit, changeStatus, addNote', () => {
  async function countRows() {
    return { incidents: await db.incidents.count(), timeline: await db.timeline.count(), outbox: await db.outbox.count() };
  }

  it('edit writes one incident update, one fields_changed event and one operation carrying only the changed fields', async () => {
    setup();
    const incident = await recorded();
    clock.advance(60_000);
    const result = await repo.edit(incident.id, { impact: 1, urgency: 1, assignee: 'Sam Lee', title: incident.title });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ impact: 1, urgency: 1, priority: 1, assignee: 'Sam Lee', updatedAt: '2026-11-26T14:01:00.000Z' });
    expect(await countRows()).toEqual({ incidents: 1, timeline: 2, outbox: 2 });

    const row = await db.incidents.get(incident.id);
    expect(row).toMatchObject({ assignee: 'Sam Lee', assigneeKey: 'Sam Lee', priority: 1 });
    const op = await db.outbox.get(2);
    expect(op?.set).toEqual({ impact: 1, urgency: 1, assignee: 'Sam Lee' });
    expect(op?.init).toBeUndefined();
    expect(op?.event).toMatchObject({ kind: 'fields_changed' });
    expect(row?.stamps.assignee).toBe(op?.hlc);
    expect(row?.stamps.title).toBe(incident.stamps.title);
  });

  it('changeStatus writes one update, one status_changed event and one operation', async () => {
    setup();
    const incident = await recorded();
    const result = await repo.changeStatus(incident.id, 'assigned', { team: 'Facilities' });
    expect(result).toMatchObject({ ok: true, value: { status: 'assigned', team: 'Facilities' } });
    expect(await countRows()).toEqual({ incidents: 1, timeline: 2, outbox: 2 });
    expect(await db.incidents.get(incident.id)).toMatchObject({ teamKey: 'Facilities', status: 'assigned' });
    const op = await db.outbox.get(2);
    expect(op).toMatchObject({ set: { status: 'assigned', team: 'Facilities' }, event: { kind: 'status_changed', from: 'new', to: 'assigned' } });
    expect(await db.incidents.where('[status+updatedAt]').between(['assigned', ''], ['assigned', '\uffff']).count()).toBe(1);
  });

  it('addNote appends one note, touches updatedAt and writes one operation with an empty set', async () => {
    setup();
    const incident = await recorded();
    clock.advance(5_000);
    const result = await repo.addNote(incident.id, '  Fuel delivery expected at 16:00  ');
    expect(result).toMatchObject({ ok: true, value: { kind: 'note', text: 'Fuel delivery expected at 16:00', incidentId: incident.id } });
    expect(await countRows()).toEqual({ incidents: 1, timeline: 2, outbox: 2 });
    expect((await db.incidents.get(incident.id))?.updatedAt).toBe('2026-11-26T14:00:05.000Z');
    expect(await db.outbox.get(2)).toMatchObject({ set: {}, event: { kind: 'note' } });
  });

  it('an invalid transition returns the domain error and changes no row in any table', async () => {
    setup();
    const incident = await recorded();
    const before = await snapshot(db);
    clock.advance(1_000);

    const skip = await repo.changeStatus(incident.id, 'closed', {});
    expect(skip).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    const missing = await repo.changeStatus(incident.id, 'on_hold', { team: 'Facilities' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'missing-field', field: 'holdReason' } });
    const noChange = await repo.edit(incident.id, { title: incident.title });
    expect(noChange).toMatchObject({ ok: false, error: { code: 'no-change' } });
    const emptyNote = await repo.addNote(incident.id, '   ');
    expect(emptyNote).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'text' } });

    // meta included: a refused change must not consume a deviceSeq or advance the HLC.
    expect(await snapshot(db)).toEqual(before);
  });

  it('a note over the length limit is refused before it reaches the outbox', async () => {
    setup();
    const incident = await recorded();
    const before = await snapshot(db);
    const result = await repo.addNote(incident.id, 'x'.repeat(LIMITS.note + 1));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'text' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('closed incidents are read-only but still take notes', async () => {
    setup();
    const incident = await recorded();
    expect((await repo.changeStatus(incident.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Replaced the starter battery' })).ok).toBe(true);
    expect((await repo.changeStatus(incident.id, 'closed')).ok).toBe(true);
    expect(await repo.edit(incident.id, { title: 'Renamed' })).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect((await repo.addNote(incident.id, 'Post-incident review scheduled')).ok).toBe(true);
    expect(await db.outbox.count()).toBe(4);
  });

  it('an unknown id is a not-found error and writes nothing', async () => {
    setup();
    await recorded();
    const before = await snapshot(db);
    const missingId = newId();
    for (const result of [
      await repo.edit(missingId, { title: 'x' }),
      await repo.changeStatus(missingId, 'assigned', { team: 'Facilities' }),
      await repo.addNote(missingId, 'hello'),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(await snapshot(db)).toEqual(before);
  });
});
