// System status writes: a snapshot is one transaction with its timeline entry and a valid outbox op; a refusal writes nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidents, getTimeline, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { createSystemStatusRepository, type SystemStatusRepository } from '../../../../renderer/db/system-status';
import { currentSystemStatus } from '../../../../shared/domain/system-status';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, must, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
let incidents: IncidentRepository;
let systems: SystemStatusRepository;

function setup() {
  db = freshDb('system-status');
  const clock = testClock();
  incidents = createIncidentRepository(db, clock);
  systems = createSystemStatusRepository(db, clock);
}
afterEach(() => db?.close());

const water = { system: 'Water', state: 'non_functional' as const, reason: 'Main burst in basement', repairEstimate: '4 h' };

describe('record', () => {
  it('writes the system_status entry and one pending operation together; the status and search follow', async () => {
    setup();
    const incident = must(await incidents.record({ title: 'Campus power failure' }));
    const opsBefore = await db.outbox.count();
    const recorded = await systems.record(incident.id, [water, { system: 'Normal power', state: 'functional', reason: '', repairEstimate: '' }]);
    expect(recorded).toMatchObject({ ok: true, value: { kind: 'system_status', systems: [{ system: 'Water', state: 'non_functional' }, { system: 'Normal power' }] } });
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops).toHaveLength(opsBefore + 1);
    const { state, ...op } = ops.at(-1)!;
    expect(state).toBe('pending');
    expect(op.event).toEqual(recorded.ok ? recorded.value : null);
    expect(op.set).toEqual({});
    expect(operationSchema.safeParse(op).success).toBe(true);
    const events = await getTimeline(db, incident.id);
    expect(events.map((event) => event.kind)).toEqual(['created', 'system_status']);
    expect(currentSystemStatus(events).counts.non_functional).toBe(1);
    expect((await findIncidents(db, { text: 'basement' }, 10)).map((found) => found.title)).toEqual(['Campus power failure']);
  });

  it('a refusal (no reason, duplicate, closed or unknown incident) writes nothing', async () => {
    setup();
    const incident = must(await incidents.record({ title: 'Campus power failure' }));
    const before = await snapshot(db);
    expect(await systems.record(incident.id, [{ ...water, reason: ' ' }])).toEqual({
      ok: false,
      error: { code: 'missing-field', field: 'systems.0.reason', message: 'Say why Water is non-functional.' },
    });
    expect(await systems.record(incident.id, [water, { ...water, system: 'WATER' }])).toMatchObject({ ok: false, error: { field: 'systems.1.system' } });
    expect(await systems.record('01900000-0000-7000-8000-000000000000', [water])).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await snapshot(db)).toEqual(before);
    await db.incidents.update(incident.id, { status: 'closed' });
    const closed = await snapshot(db);
    expect(await systems.record(incident.id, [water])).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(await snapshot(db)).toEqual(closed);
  });

  it('a failing outbox write rolls back the entry too', async () => {
    setup();
    const incident = must(await incidents.record({ title: 'Campus power failure' }));
    const before = await snapshot(db);
    db.outbox.hook('creating', () => {
      throw new Error('injected outbox failure');
    });
    await expect(systems.record(incident.id, [water])).rejects.toThrow('injected outbox failure');
    expect(await snapshot(db)).toEqual(before);
  });
});
