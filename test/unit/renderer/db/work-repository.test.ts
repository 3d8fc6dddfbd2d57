// Repository calls for working an incident: each is one transaction with its outbox op; reference lists come from the database.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { addReferenceValue, createIncidentRepository, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
let repo: IncidentRepository;

function setup() {
  db = freshDb('work');
  repo = createIncidentRepository(db, testClock());
}
afterEach(() => db?.close());

async function recorded() {
  const result = await repo.record({ title: 'Generator B failed to start' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Escalating to another team needs one to have it (a new incident is assigned instead). */
async function assigned() {
  const incident = await recorded();
  const result = await repo.changeStatus(incident.id, 'assigned', { team: 'Facilities' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('escalate', () => {
  it('stores the team change, the escalated event and one valid pending operation together', async () => {
    setup();
    const incident = await assigned();
    const result = await repo.escalate(incident.id, { level: 'functional', target: 'Electrical', reason: 'Switchgear fault' });
    expect(result.ok).toBe(true);
    expect((await db.incidents.get(incident.id))?.teamKey).toBe('Electrical');
    const events = await db.timeline.where('incidentId').equals(incident.id).toArray();
    expect(events.map((e) => e.kind)).toEqual(['created', 'status_changed', 'escalated']);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(3);
    expect(ops[2]).toMatchObject({ state: 'pending', set: { team: 'Electrical' }, event: { kind: 'escalated', reason: 'Switchgear fault' } });
    const { state: _state, ...operation } = ops[2]!;
    expect(operationSchema.safeParse(operation).success).toBe(true);
  });

  it('accepts a team added to the reference list, and a refusal writes nothing', async () => {
    setup();
    const incident = await assigned();
    const before = await snapshot(db);
    const refused = await repo.escalate(incident.id, { level: 'functional', target: 'Radiology IT', reason: 'PACS down' });
    expect(refused).toMatchObject({ ok: false, error: { field: 'target' } });
    expect(await snapshot(db)).toEqual(before);
    await addReferenceValue(db, 'team', 'Radiology IT');
    expect((await repo.escalate(incident.id, { level: 'functional', target: 'Radiology IT', reason: 'PACS down' })).ok).toBe(true);
  });
});

describe('changeStatus with reference data', () => {
  it('validates hold reasons against the stored list', async () => {
    setup();
    const incident = await recorded();
    expect(await repo.changeStatus(incident.id, 'on_hold', { holdReason: 'Awaiting fuel', team: 'Facilities' })).toMatchObject({ ok: false, error: { field: 'holdReason' } });
    await addReferenceValue(db, 'holdReason', 'Awaiting fuel');
    expect(await repo.changeStatus(incident.id, 'on_hold', { holdReason: 'Awaiting fuel', team: 'Facilities' })).toMatchObject({ ok: true, value: { holdReason: 'Awaiting fuel' } });
  });
});

describe('communications and corrections', () => {
  it('are timeline entries with their own operation and no field change', async () => {
    setup();
    const incident = await recorded();
    const message = await repo.logCommunication(incident.id, { direction: 'outgoing', from: 'Desk', to: 'Ward 3', channel: 'Radio', message: 'Back in 20 min' });
    if (!message.ok) throw new Error(message.error.message);
    const correction = await repo.correct(incident.id, message.value.id, 'Back in 40 min');
    expect(correction).toMatchObject({ ok: true, value: { kind: 'correction', corrects: message.value.id } });
    const ops = await db.outbox.toArray();
    expect(ops.map((op) => op.event.kind)).toEqual(['created', 'communication', 'correction']);
    expect(ops[2]!.set).toEqual({});
  });

  it('refuses to correct an entry that is not on this computer', async () => {
    setup();
    const incident = await recorded();
    expect(await repo.correct(incident.id, '0190f3a0-0000-7000-8000-000000000000', 'x')).toMatchObject({ ok: false, error: { code: 'not-found', field: 'corrects' } });
  });
});
