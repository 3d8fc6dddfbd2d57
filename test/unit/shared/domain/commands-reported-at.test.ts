// Tests for the reported-at (commands.ts): given at record time or now, corrected later, checked against the clock and the occurred-at.
import { describe, expect, it } from 'vitest';
import { changeStatus, type CommandResult, editIncident, type EditableFields, type Incident, newId, type NewIncidentInput, recordIncident, type ZonedTime } from '../../../../shared/domain';
import { incidentFromState } from '../../../../shared/sync/merge';
import { operationSchema, toOperation } from '../../../../shared/sync/operation';
import { classifyOp } from '../../../../server/sync/classify-op';
import { ctxAt, ok as okOutcome, opOf, replay, T0 } from '../sync/support/ops';
import { deepFreeze, LATER, laterCtx, makeCtx, NOW, PREFIX, recorded } from './fixtures';

const MINUTE = 60_000;
/** A zoned time `minutes` from the fixtures' NOW (00:30Z, recorded at UTC+01:00). */
const nowPlus = (minutes: number): ZonedTime => ({ utc: new Date(Date.parse(NOW.utc) + minutes * MINUTE).toISOString(), offsetMinutes: 60 });
const laterPlus = (minutes: number): ZonedTime => ({ utc: new Date(Date.parse(LATER.utc) + minutes * MINUTE).toISOString(), offsetMinutes: 120 });

function record(input: Partial<NewIncidentInput>, ctx = makeCtx()): CommandResult {
  return recordIncident(deepFreeze({ title: 'Water in the server room', ...input }), 42, PREFIX, deepFreeze(ctx));
}

function edit(incident: Incident, edits: Partial<EditableFields>, ctx = laterCtx()): CommandResult {
  return editIncident(incident, deepFreeze(edits), deepFreeze(ctx));
}

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('recordIncident: reported-at', () => {
  it('keeps a reported-at the person gives (a phone call before anyone reached the laptop), stamped and synced like the other fields', () => {
    const ctx = makeCtx();
    const reportedAt = nowPlus(-15);
    const { incident, change } = ok(record({ occurredAt: nowPlus(-40), reportedAt }, ctx));
    expect(incident.reportedAt).toEqual(reportedAt);
    expect(incident.createdAt).toBe(NOW.utc);
    expect(incident.stamps.reportedAt).toBe(ctx.hlc);
    expect(change.set.reportedAt).toEqual(reportedAt);
  });

  it('uses the clock when none is given', () => {
    expect(ok(record({ occurredAt: nowPlus(-40) })).incident.reportedAt).toEqual(NOW);
    expect(ok(record({ occurredAt: nowPlus(-40), reportedAt: undefined })).incident.reportedAt).toEqual(NOW);
  });

  it('refuses a reported-at in the future (more than 5 minutes ahead of the clock) at its field, saying what to do', () => {
    const result = record({ occurredAt: nowPlus(-40), reportedAt: nowPlus(6) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'reportedAt' } });
    expect(!result.ok && result.error.message).toBe(
      'Reported at is in the future (2026-03-29 01:36, UTC+01:00). Enter when it was actually reported; at most 5 minutes ahead of this computer’s clock is accepted. If the computer’s clock is wrong, correct it first.',
    );
    // A watch a few minutes fast is not a mistake.
    expect(ok(record({ occurredAt: nowPlus(-40), reportedAt: nowPlus(4) })).incident.reportedAt).toEqual(nowPlus(4));
  });

  it('refuses a reported-at before the occurred-at, naming the occurred-at', () => {
    const result = record({ occurredAt: nowPlus(-40), reportedAt: nowPlus(-41) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'reportedAt' } });
    expect(!result.ok && result.error.message).toBe('Reported at is before Occurred at (2026-03-29 00:50, UTC+01:00). Enter a later time, or correct Occurred at.');
    // The occurred-at defaults to the clock as well: a reported-at before it is before "now".
    expect(record({ reportedAt: nowPlus(-1) })).toMatchObject({ ok: false, error: { field: 'reportedAt' } });
    // The same minute is fine.
    expect(ok(record({ occurredAt: nowPlus(-40), reportedAt: nowPlus(-40) })).incident.reportedAt).toEqual(nowPlus(-40));
  });

  it('accepts a reported-at before the detected-at: someone may report what the organisation only then detects', () => {
    const { incident } = ok(record({ occurredAt: nowPlus(-40), reportedAt: nowPlus(-30), detectedAt: nowPlus(-10) }));
    expect(incident).toMatchObject({ reportedAt: nowPlus(-30), detectedAt: nowPlus(-10) });
  });

  it('leaves an implausible year to the record’s own message', () => {
    const result = record({ reportedAt: { utc: '3000-01-01T00:00:00Z', offsetMinutes: 0 } });
    expect(result).toMatchObject({ ok: false, error: { field: 'reportedAt', message: expect.stringMatching(/^Year must be between 1990 and 2200/) } });
  });
});

describe('editIncident: reported-at', () => {
  it('corrects the reported-at: one change, a timeline entry with before and after, only its stamp moves', () => {
    const incident = recorded({ occurredAt: nowPlus(-40) });
    const ctx = laterCtx();
    const corrected = nowPlus(-20);
    const { incident: next, event, change } = ok(edit(incident, { reportedAt: corrected }, ctx));
    expect(next.reportedAt).toEqual(corrected);
    expect(event).toMatchObject({ kind: 'fields_changed', at: ctx.now, changes: [{ field: 'reportedAt', from: NOW, to: corrected }] });
    expect(change).toMatchObject({ set: { reportedAt: corrected }, base: { reportedAt: incident.stamps.reportedAt } });
    for (const [field, value] of Object.entries(next.stamps)) expect(value, field).toBe(field === 'reportedAt' ? ctx.hlc : incident.stamps[field]);
  });

  it('travels as an operation HQ takes at its door, of version 1 (the field was synced from the start), so no HQ needs updating', () => {
    const { change, event } = ok(edit(recorded({ occurredAt: nowPlus(-40) }), { reportedAt: nowPlus(-20) }));
    const op = toOperation(change, { opId: newId(), deviceId: event.deviceId, deviceSeq: 2, hlc: event.hlc });
    expect(op.schemaVersion).toBe(1);
    expect(operationSchema.safeParse(op).success).toBe(true);
    expect(classifyOp(JSON.parse(JSON.stringify(op)), 0, event.deviceId)).toMatchObject({ kind: 'valid' });
  });

  it('refuses a reported-at in the future or before the occurred-at, and changes nothing', () => {
    const incident = recorded({ occurredAt: nowPlus(-40) });
    const future = edit(incident, { reportedAt: laterPlus(10) });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'reportedAt', message: expect.stringMatching(/^Reported at is in the future \(2026-03-29 03:40, UTC\+02:00\)/) } });
    const early = edit(incident, { reportedAt: nowPlus(-50) });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'reportedAt', message: expect.stringMatching(/^Reported at is before Occurred at/) } });
    expect(incident.reportedAt).toEqual(NOW);
  });

  it('refuses moving the occurred-at after the reported-at, naming the reported-at; both together in order is fine', () => {
    const incident = recorded({ occurredAt: nowPlus(-40), reportedAt: nowPlus(-30) });
    const result = edit(incident, { occurredAt: nowPlus(-25) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-value', field: 'occurredAt' } });
    expect(!result.ok && result.error.message).toBe('Occurred at is after Reported at (2026-03-29 01:00, UTC+01:00). Enter an earlier time, or correct Reported at first.');
    const both = ok(edit(incident, { occurredAt: nowPlus(-25), reportedAt: nowPlus(-20) }));
    expect(both.incident).toMatchObject({ occurredAt: nowPlus(-25), reportedAt: nowPlus(-20) });
    // Other edits of an incident are not held up by its times.
    expect(ok(edit(incident, { title: 'Renamed' })).incident.title).toBe('Renamed');
  });

  it('is read-only once the incident is closed', () => {
    let incident = recorded({ occurredAt: nowPlus(-40) });
    incident = ok(changeStatus(incident, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Dried' }, laterCtx(1))).incident;
    incident = ok(changeStatus(incident, 'closed', {}, laterCtx(2))).incident;
    expect(edit(deepFreeze(incident), { reportedAt: nowPlus(-20) }, laterCtx(3))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });
});

describe('merging concurrent reported-at corrections', () => {
  const at = (ms: number): ZonedTime => ({ utc: new Date(ms).toISOString(), offsetMinutes: 0 });

  it('converges on the later change whatever the arrival order, keeping the other as a conflict a person can pick again', () => {
    const created = okOutcome(recordIncident({ title: 'Fire door wedged open', occurredAt: at(T0 - 60 * MINUTE) }, 1, 'K7QM', ctxAt('dev-a', T0)));
    const createOp = opOf(created);
    const fromA = okOutcome(editIncident(created.incident, { reportedAt: at(T0 - 50 * MINUTE) }, ctxAt('dev-a', T0 + 1000)));
    const fromB = okOutcome(editIncident(created.incident, { reportedAt: at(T0 - 40 * MINUTE), title: 'Fire door 3 wedged open' }, ctxAt('dev-b', T0 + 2000)));
    const [aOp, bOp] = [opOf(fromA), opOf(fromB)];
    const results = [replay([createOp, aOp, bOp]), replay([createOp, bOp, aOp])];
    for (const { state, conflicts } of results) {
      const merged = incidentFromState(state!);
      expect(merged).toMatchObject({ reportedAt: at(T0 - 40 * MINUTE), title: 'Fire door 3 wedged open' });
      expect(state!.stamps.reportedAt).toBe(bOp.hlc);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ field: 'reportedAt', winner: { value: at(T0 - 40 * MINUTE) }, loser: { value: at(T0 - 50 * MINUTE) } });
    }
    expect(results[0]!.conflicts[0]!.id).toBe(results[1]!.conflicts[0]!.id);
  });
});
