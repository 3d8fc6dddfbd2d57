// Checklist writes: each tick, untick or added step is one transaction with its timeline entry and a valid outbox op; capture attaches a template's checklist atomically.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, findIncidents, getTimeline, type IncidentRepository } from '../../../../renderer/db';
import { recordCapture } from '../../../../renderer/db/attachments-record';
import { createChecklistRepository, type ChecklistRepository } from '../../../../renderer/db/checklist';
import type { LanternDb } from '../../../../renderer/db/database';
import { deriveChecklist } from '../../../../shared/domain';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
let incidents: IncidentRepository;
let checklist: ChecklistRepository;

function setup() {
  db = freshDb('checklist');
  const clock = testClock();
  incidents = createIncidentRepository(db, clock);
  checklist = createChecklistRepository(db, clock);
}
afterEach(() => db?.close());

async function captured(templateId: string) {
  const result = await recordCapture(db, testClock(), { title: 'Campus power outage' }, { checklistTemplateId: templateId, draftId: 'draft-1' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('capture with a template', () => {
  it('puts the template checklist on the incident in the same transaction: two entries, two valid operations in order', async () => {
    setup();
    await db.drafts.put({ id: 'draft-1', values: {}, updatedAt: new Date().toISOString() } as never);
    const incident = await captured('power-outage');
    const events = await getTimeline(db, incident.id);
    expect(events.map((event) => event.kind)).toEqual(['created', 'checklist_added']);
    expect(deriveChecklist(events)).toMatchObject({ total: 11, done: 0, templateIds: ['power-outage'] });
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.map((op) => op.event.kind)).toEqual(['created', 'checklist_added']);
    for (const { state: _state, ...op } of ops) expect(operationSchema.safeParse(op).success).toBe(true);
    expect(await db.drafts.get('draft-1')).toBeUndefined();
  });

  it('an unknown template refuses the whole capture and writes nothing', async () => {
    setup();
    await incidents.record({ title: 'Existing' });
    const before = await snapshot(db);
    const result = await recordCapture(db, testClock(), { title: 'Campus power outage' }, { checklistTemplateId: 'no-such-template' });
    expect(result).toMatchObject({ ok: false, error: { field: 'templateId' } });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('tick', () => {
  it('writes one checklist_ticked entry and one pending operation in one transaction; untick writes another', async () => {
    setup();
    const incident = await captured('generator-failure');
    const opsBefore = await db.outbox.count();
    const ticked = await checklist.tick(incident.id, 'immediate-3', true);
    expect(ticked).toMatchObject({ ok: true, value: { kind: 'checklist_ticked', stepId: 'immediate-3', ticked: true, step: 'Call the generator maintenance contractor' } });
    const ops = await db.outbox.orderBy('deviceSeq').toArray();
    expect(ops).toHaveLength(opsBefore + 1);
    const { state, ...op } = ops.at(-1)!;
    expect(state).toBe('pending');
    expect(op.event).toEqual(ticked.ok ? ticked.value : null);
    expect(op.set).toEqual({});
    expect(operationSchema.safeParse(op).success).toBe(true);
    expect((await db.incidents.get(incident.id))!.updatedAt >= incident.updatedAt).toBe(true);

    expect(await checklist.tick(incident.id, 'immediate-3', false)).toMatchObject({ ok: true, value: { ticked: false } });
    const events = await getTimeline(db, incident.id);
    expect(events.filter((event) => event.kind === 'checklist_ticked')).toHaveLength(2);
    expect(deriveChecklist(events).done).toBe(0);
  });

  it('a refused tick (unknown step, same state, unknown incident) writes nothing', async () => {
    setup();
    const incident = await captured('hardware-failure');
    const before = await snapshot(db);
    expect(await checklist.tick(incident.id, 'nope', true)).toMatchObject({ ok: false, error: { field: 'stepId' } });
    expect(await checklist.tick(incident.id, 'immediate-1', false)).toMatchObject({ ok: false, error: { code: 'no-change' } });
    expect(await checklist.tick('01900000-0000-7000-8000-000000000000', 'immediate-1', true)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a failing outbox write rolls back the tick entry too', async () => {
    setup();
    const incident = await captured('water-leak');
    const before = await snapshot(db);
    db.outbox.hook('creating', () => {
      throw new Error('injected outbox failure');
    });
    await expect(checklist.tick(incident.id, 'immediate-1', true)).rejects.toThrow('injected outbox failure');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('addStep and attachTemplate', () => {
  it('adds a step by hand to an incident without a checklist, then attaches a template once', async () => {
    setup();
    const recorded = await incidents.record({ title: 'Odd smell in plant room' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const id = recorded.value.id;
    expect(await checklist.addStep(id, { phase: 'extended', text: 'Ask the gas supplier for a leak test' })).toMatchObject({ ok: true, value: { kind: 'checklist_added' } });
    expect(await checklist.attachTemplate(id, 'medical-gas-alarm')).toMatchObject({ ok: true });
    expect(await checklist.attachTemplate(id, 'medical-gas-alarm')).toMatchObject({ ok: false, error: { code: 'no-change' } });
    const derived = deriveChecklist(await getTimeline(db, id));
    expect(derived.phases.find((phase) => phase.id === 'extended')!.items.map((item) => item.text)).toEqual([
      'Ask the gas supplier for a leak test',
      'Have the system tested and certified before returning to normal use',
    ]);
    expect(await db.outbox.count()).toBe(3);
  });

  it('makes step texts searchable: a step added by hand and the steps of a template captured with the incident', async () => {
    setup();
    const recorded = await incidents.record({ title: 'Odd smell in plant room' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const titles = async (text: string) => (await findIncidents(db, { text }, 10)).map((incident) => incident.title);
    expect(await titles('supplier')).toEqual([]);
    await checklist.addStep(recorded.value.id, { phase: 'extended', text: 'Ask the gas supplier for a leak test' });
    expect(await titles('supplier')).toEqual(['Odd smell in plant room']);
    // The generator template's steps, captured in the same transaction as the incident.
    await captured('generator-failure');
    expect(await titles('contractor')).toEqual(['Campus power outage']);
  });
});
