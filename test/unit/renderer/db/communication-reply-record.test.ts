// recordReply: the reply entry and its version 5 outbox operation in one transaction; refusals change nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIncidentRepository } from '../../../../renderer/db';
import { recordReply } from '../../../../renderer/db/communication-reply-record';
import { zonedTimeFromEpoch } from '../../../../shared/domain';
import { freshDb, must, snapshot, testClock } from './db-test-kit';

async function setup() {
  const db = freshDb('reply');
  const clock = testClock();
  const incidents = createIncidentRepository(db, clock);
  const incident = must(await incidents.record({ title: 'Water outage' }));
  clock.advance(60_000);
  const message = must(await incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Ana', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' }));
  clock.advance(60_000);
  const input = { text: 'Tanks filled', from: 'Ward 3', repliedAt: zonedTimeFromEpoch(clock.nowMs(), 60) };
  return { db, clock, incidents, incident, message, input };
}

describe('recordReply', () => {
  it('stores the reply and its outbox operation (version 5) together, and leaves the message as it was', async () => {
    const { db, clock, incident, message, input } = await setup();
    const first = must(await recordReply(db, incident.id, message.id, input, clock));
    const second = must(await recordReply(db, incident.id, message.id, { ...input, text: 'Tanks at half' }, clock));
    expect(first).toMatchObject({ kind: 'communication_reply', communicationId: message.id, text: 'Tanks filled', from: 'Ward 3' });
    expect(await db.timeline.get(message.id)).toEqual(message);
    expect((await db.timeline.get(second.id))).toEqual(second);
    const ops = await db.outbox.toArray();
    expect(ops.slice(-2).map((entry) => [entry.event.id, entry.schemaVersion])).toEqual([[first.id, 5], [second.id, 5]]);
    // The reply's words find the incident, as a message's do.
    expect((await db.incidents.get(incident.id))?.noteWords).toEqual(expect.arrayContaining(['tanks', 'filled']));
    db.close();
  });

  it('refuses a reply to a note, to an entry of another incident and to an entry not on this computer, writing nothing', async () => {
    const { db, clock, incidents, incident, message, input } = await setup();
    const note = must(await incidents.addNote(incident.id, 'Fuel ordered'));
    const other = must(await incidents.record({ title: 'Lift stuck' }));
    const before = await snapshot(db);
    expect(await recordReply(db, incident.id, note.id, input, clock)).toMatchObject({ ok: false, error: { field: 'communicationId', message: expect.stringMatching(/Only a communication can be replied to/) } });
    expect(await recordReply(db, other.id, message.id, input, clock)).toMatchObject({ ok: false, error: { field: 'communicationId', message: expect.stringMatching(/belongs to another incident/) } });
    expect(await recordReply(db, incident.id, '0190aaaa-0000-7000-8000-000000000000', input, clock)).toMatchObject({ ok: false, error: { code: 'not-found', field: 'communicationId' } });
    expect(await recordReply(db, incident.id, message.id, { ...input, text: ' ' }, clock)).toMatchObject({ ok: false, error: { field: 'text', message: 'Write the reply first.' } });
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });
});
