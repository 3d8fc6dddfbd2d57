// Repository link/unlink: one transaction with its outbox op, looked up by number, mirrored through the targetId index.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentRepository, type IncidentRepository } from '../../../../renderer/db';
import type { LanternDb } from '../../../../renderer/db/database';
import { toIncidentRow } from '../../../../renderer/db/incident-row';
import { normaliseNumber, readIncidentNumbers, readLinks, readLinkViews } from '../../../../renderer/db/links';
import { newId, type Incident } from '../../../../shared/domain';
import { operationSchema } from '../../../../shared/sync/operation';
import { freshDb, snapshot, testClock } from './db-test-kit';

let db: LanternDb;
let repo: IncidentRepository;

function setup() {
  db = freshDb('links');
  repo = createIncidentRepository(db, testClock());
}
afterEach(() => db?.close());

async function recorded(title: string) {
  const result = await repo.record({ title });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('link', () => {
  it('writes one entry and one valid pending operation, and the link shows on both incidents', async () => {
    setup();
    const major = await recorded('Campus power outage');
    const child = await recorded('Ward 3 lights out');
    const result = await repo.link(child.id, major.number.toLowerCase(), 'parent');
    expect(result).toMatchObject({ ok: true, value: { kind: 'linked', incidentId: child.id, targetId: major.id } });
    expect(await db.timeline.where('incidentId').equals(major.id).count()).toBe(1);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(3);
    const { state: _state, ...operation } = ops[2]!;
    expect(operationSchema.safeParse(operation).success).toBe(true);
    expect(await readLinkViews(db, major.id)).toMatchObject([{ otherId: child.id, relation: 'child', number: child.number, title: 'Ward 3 lights out' }]);
    expect(await readLinkViews(db, child.id)).toMatchObject([{ otherId: major.id, relation: 'parent', number: major.number }]);
  });

  it('refuses an unknown number and a self link with a clear message, writing nothing', async () => {
    setup();
    const a = await recorded('One');
    const before = await snapshot(db);
    expect(await repo.link(a.id, 'ZZZZ-9999', 'related')).toMatchObject({ ok: false, error: { field: 'target', message: expect.stringMatching(/No incident numbered ZZZZ-9999/) } });
    expect(await repo.link(a.id, a.number, 'related')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/itself/) } });
    expect(await repo.link(a.id, '  ', 'related')).toMatchObject({ ok: false, error: { code: 'missing-field' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('unlinks from the other side with one entry there', async () => {
    setup();
    const a = await recorded('One');
    const b = await recorded('Two');
    await repo.link(a.id, b.number, 'related');
    const result = await repo.unlink(b.id, a.id);
    expect(result).toMatchObject({ ok: true, value: { kind: 'linked', action: 'unlink', incidentId: b.id } });
    expect(await readLinks(db, a.id)).toEqual([]);
    expect(await readLinks(db, b.id)).toEqual([]);
    expect(await repo.unlink(b.id, a.id)).toMatchObject({ ok: false, error: { code: 'no-change' } });
  });
});

/** An incident recorded on another laptop, arrived here with its own number (the sync's row, without its entries). */
async function fromOtherDevice(like: Incident, number: string, title: string): Promise<Incident> {
  const incident = { ...like, id: newId(), number, title };
  await db.incidents.add(toIncidentRow(incident));
  return incident;
}

describe('link by a number typed as the list search reads it', () => {
  it('finds the incident from its digits alone, unpadded, lower case, spaced or without the dash', async () => {
    setup();
    const a = await recorded('One');
    const b = await recorded('Two');
    const c = await recorded('Three');
    const [prefix] = b.number.split('-') as [string];
    expect(await repo.link(a.id, b.number.slice(-4), 'related')).toMatchObject({ ok: true, value: { targetId: b.id } });
    expect(await repo.link(a.id, `${prefix.toLowerCase()} 3`, 'child')).toMatchObject({ ok: true, value: { targetId: c.id } });
    expect((await readLinkViews(db, a.id)).map((link) => link.number)).toEqual([b.number, c.number]);
    const d = await recorded('Four');
    expect(await repo.link(a.id, `#${d.number.replace('-', '')}`, 'related')).toMatchObject({ ok: true, value: { targetId: d.id } });
  });

  it('says a short number is ambiguous when two laptops used it, and takes the whole number', async () => {
    setup();
    const a = await recorded('One');
    const b = await recorded('Two');
    const other = await fromOtherDevice(b, 'QQQQ-0002', 'Two elsewhere');
    const before = await snapshot(db);
    expect(await repo.link(a.id, '0002', 'related')).toMatchObject({
      ok: false,
      error: { field: 'target', message: `0002 could be ${[b.number, 'QQQQ-0002'].sort().join(' or ')}. Type the whole number.` },
    });
    expect(await repo.link(a.id, '2', 'related')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^2 could be .* Type the whole number\.$/) } });
    expect(await snapshot(db)).toEqual(before);
    expect(await repo.link(a.id, 'qqqq-2', 'related')).toMatchObject({ ok: true, value: { targetId: other.id } });
    // The incident being linked from is no candidate: "0001" from One can only mean the other laptop's.
    const away = await fromOtherDevice(a, 'QQQQ-0001', 'One elsewhere');
    expect(await repo.link(a.id, '0001', 'parent')).toMatchObject({ ok: true, value: { targetId: away.id } });
    expect(await repo.link(a.id, '0009', 'related')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^No incident numbered 0009 is on this computer/) } });
  });

  it('reads a whole number typed without its dash when the device prefix is all digits', async () => {
    setup();
    const a = await recorded('One');
    const b = await recorded('Two');
    const digits = await fromOtherDevice(b, '4821-0042', 'Pump room flooding');
    // "48210042" is no counter here (nothing has counter 48,210,042) but spells 4821-0042 without the dash.
    expect(await repo.link(a.id, '48210042', 'related')).toMatchObject({ ok: true, value: { targetId: digits.id } });
    expect(await repo.link(b.id, '#4821 42', 'child')).toMatchObject({ ok: true, value: { targetId: digits.id } });
    // When both readings name an incident, the person is asked for the dash.
    const counter = await fromOtherDevice(b, 'QQQQ-48210042', 'Counter far along');
    const before = await snapshot(db);
    expect(await repo.link(a.id, '48210042', 'parent')).toMatchObject({
      ok: false,
      error: { message: `48210042 could be ${['4821-0042', counter.number].sort().join(' or ')}. Type the whole number.` },
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads other incidents\' numbers, leaving out those not on this computer', async () => {
    setup();
    const a = await recorded('One');
    const missing = newId();
    expect(await readIncidentNumbers(db, [a.id, missing, a.id])).toEqual(new Map([[a.id, a.number]]));
  });
});

describe('normaliseNumber', () => {
  it('pads and upper-cases a typed number', () => {
    expect(normaliseNumber(' ab12-3 ')).toBe('AB12-0003');
    expect(normaliseNumber('AB12-12345')).toBe('AB12-12345');
  });
});
