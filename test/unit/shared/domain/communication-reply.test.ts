// Tests for recordCommunicationReply and repliesByCommunication (communication-reply.ts): the HICS 213 reply as an append-only entry.
import { describe, expect, it } from 'vitest';
import { addNote, lastStakeholderUpdateAt, LIMITS, logCommunication, timelineEventSchema, type CommandResult, type TimelineEvent } from '../../../../shared/domain';
import { recordCommunicationReply, repliesByCommunication, type CommunicationReplyInput } from '../../../../shared/domain/communication-reply';
import { deepFreeze, laterCtx, LATER, makeCtx, recorded, snapshot, stamp } from './fixtures';
import { passesOperationSchema } from './operation-check';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const start = recorded();
const message = ok(logCommunication(start, { direction: 'outgoing', from: 'Ana', to: 'Ward 3 charge nurse', channel: 'Radio', message: 'Water off at 14:00' }, laterCtx(1))).event;
const reply: CommunicationReplyInput = { text: ' Understood, tanks filled. ', from: ' Ward 3 charge nurse ', repliedAt: { ...LATER }, actionTaken: ' Patients told ' };

describe('recordCommunicationReply', () => {
  it('adds a trimmed reply entry naming the communication, and changes no field or the communication', () => {
    const frozen = deepFreeze(structuredClone(message));
    const before = snapshot(frozen);
    const ctx = laterCtx(2);
    const { incident, event, change } = ok(recordCommunicationReply(start, frozen, reply, ctx));
    expect(event).toMatchObject({
      kind: 'communication_reply',
      incidentId: start.id,
      communicationId: message.id,
      text: 'Understood, tanks filled.',
      from: 'Ward 3 charge nurse',
      repliedAt: LATER,
      actionTaken: 'Patients told',
    });
    expect(event.id).not.toBe(message.id);
    expect(change).toEqual({ incidentId: start.id, set: {}, event });
    expect(incident).toEqual({ ...start, updatedAt: ctx.now.utc });
    expect(snapshot(frozen)).toBe(before);
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(passesOperationSchema(change)).toBe(true);
  });

  it('leaves a blank action taken out', () => {
    const { event } = ok(recordCommunicationReply(start, message, { ...reply, actionTaken: '  ' }, laterCtx(2)));
    expect(event).not.toHaveProperty('actionTaken');
  });

  it.each([
    ['text', { text: '   ' }, 'Write the reply first.'],
    ['from', { from: '' }, 'Say who replied.'],
  ] as const)('refuses a blank %s naming the field', (field, change, text) => {
    expect(recordCommunicationReply(start, message, { ...reply, ...change }, laterCtx(2))).toEqual({ ok: false, error: { code: 'missing-field', field, message: text } });
  });

  it('refuses text over the limits with the limit in the message', () => {
    const long = recordCommunicationReply(start, message, { ...reply, text: 'x'.repeat(LIMITS.note + 1) }, laterCtx(2));
    expect(long).toMatchObject({ ok: false, error: { field: 'text', message: `The reply is limited to ${LIMITS.note.toLocaleString('en')} characters` } });
    const who = recordCommunicationReply(start, message, { ...reply, from: 'x'.repeat(LIMITS.shortText + 1) }, laterCtx(2));
    expect(who).toMatchObject({ ok: false, error: { field: 'from', message: `Who replied is limited to ${LIMITS.shortText} characters` } });
    const action = recordCommunicationReply(start, message, { ...reply, actionTaken: 'x'.repeat(LIMITS.note + 1) }, laterCtx(2));
    expect(action).toMatchObject({ ok: false, error: { field: 'actionTaken' } });
  });

  it('refuses a reply time in the future or before the incident happened', () => {
    const future = recordCommunicationReply(start, message, { ...reply, repliedAt: { utc: '2026-03-29T02:00:00.000Z', offsetMinutes: 120 } }, laterCtx(2));
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'repliedAt' } });
    expect(future.ok ? '' : future.error.message).toMatch(/in the future/);
    const early = recordCommunicationReply(start, message, { ...reply, repliedAt: { utc: '2026-03-27T00:30:00.000Z', offsetMinutes: 60 } }, laterCtx(2));
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'repliedAt' } });
    expect(early.ok ? '' : early.error.message).toMatch(/before the incident happened/);
  });

  it('accepts a reply time before the message was logged: the timeline knows when a message was written down, not when it was sent', () => {
    // Radio traffic first, paperwork after: sent 01:00, answered 01:10, both written down at 01:30.
    const repliedAt = { utc: new Date(Date.parse(message.at.utc) - 20 * 60_000).toISOString(), offsetMinutes: 120 };
    const { event } = ok(recordCommunicationReply(start, message, { ...reply, repliedAt }, laterCtx(2)));
    expect(event).toMatchObject({ kind: 'communication_reply', repliedAt });
  });

  it('refuses a reply to an entry that is not a communication', () => {
    const note = ok(addNote(start, 'Fuel ordered', laterCtx(1))).event;
    expect(recordCommunicationReply(start, note, reply, laterCtx(2))).toEqual({
      ok: false,
      error: { code: 'invalid-value', field: 'communicationId', message: 'Only a communication can be replied to; this entry is a note. Record the reply on the communication it answers.' },
    });
  });

  it('refuses a reply to a communication of another incident', () => {
    const other = recorded({ title: 'Lift stuck' }, makeCtx());
    expect(recordCommunicationReply(other, message, reply, laterCtx(2))).toEqual({
      ok: false,
      error: { code: 'invalid-value', field: 'communicationId', message: 'That communication belongs to another incident; record the reply on the incident where the message was logged.' },
    });
  });

  it('allows a second reply to the same message, as another entry', () => {
    const first = ok(recordCommunicationReply(start, message, reply, laterCtx(2))).event;
    const second = ok(recordCommunicationReply(start, message, { ...reply, text: 'Tanks empty again' }, laterCtx(3))).event;
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ communicationId: message.id, text: 'Tanks empty again' });
  });

  it('the schema refuses a reply without a communication id or with an empty text', () => {
    const event = ok(recordCommunicationReply(start, message, reply, laterCtx(2))).event;
    const { communicationId: _gone, ...withoutRef } = event as Extract<TimelineEvent, { kind: 'communication_reply' }>;
    expect(timelineEventSchema.safeParse(withoutRef).success).toBe(false);
    expect(timelineEventSchema.safeParse({ ...event, text: ' ' }).success).toBe(false);
  });
});

describe('repliesByCommunication', () => {
  it('groups replies under their communication in causal order, whatever order they arrived in', () => {
    const first = ok(recordCommunicationReply(start, message, reply, laterCtx(2))).event;
    const second = ok(recordCommunicationReply(start, message, { ...reply, text: 'Second' }, makeCtx({ hlc: stamp(Date.parse(LATER.utc) + 5, 0), now: { ...LATER } }))).event;
    const grouped = repliesByCommunication([second, message, first]);
    expect(grouped.get(message.id)?.map((event) => event.text)).toEqual(['Understood, tanks filled.', 'Second']);
    expect(grouped.size).toBe(1);
  });
});

describe('stakeholder update clock', () => {
  it('is not reset by a reply: it counts the outgoing messages people send, and a reply is what came back', () => {
    const later = ok(recordCommunicationReply(start, message, reply, makeCtx({ hlc: stamp(Date.parse(LATER.utc) + 60_000, 0), now: { utc: '2026-03-29T01:31:00.000Z', offsetMinutes: 120 } }))).event;
    expect(lastStakeholderUpdateAt([message, later])).toBe(Date.parse(message.at.utc));
  });
});
