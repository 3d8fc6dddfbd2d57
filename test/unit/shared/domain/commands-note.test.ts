// Tests for addNote (commands.ts): trimmed text, refusals with clear messages, corrections, review notes.
import { describe, expect, it } from 'vitest';
import { addNote, changeStatus, type CommandResult, newId, timelineEventSchema } from '../../../../shared/domain';
import { deepFreeze, laterCtx, recorded, snapshot } from './fixtures';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('addNote', () => {
  it('adds a trimmed note event and changes no synced field', () => {
    const incident = recorded();
    const ctx = deepFreeze(laterCtx());
    const { incident: next, event, change } = ok(addNote(incident, '  Fuel level checked: 80 %.\n', ctx));
    expect(event).toMatchObject({ kind: 'note', text: 'Fuel level checked: 80 %.', incidentId: incident.id, hlc: ctx.hlc, at: ctx.now, author: ctx.author });
    expect(event).not.toHaveProperty('corrects');
    expect(change).toEqual({ incidentId: incident.id, set: {}, event });
    expect(next).toEqual({ ...incident, updatedAt: ctx.now.utc });
    expect(timelineEventSchema.parse(event)).toEqual(event);
  });

  it.each(['', '   ', '\n\t'])('refuses the empty note %j', (text) => {
    expect(addNote(recorded(), text, laterCtx())).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'text', message: 'Write something first.' },
    });
  });

  it('refuses a 1 MB note with a message that states the limit', () => {
    expect(addNote(recorded(), 'x'.repeat(1024 * 1024), laterCtx())).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'text', message: 'Notes are limited to 20,000 characters' },
    });
  });

  it('accepts exactly 20,000 characters (after trimming)', () => {
    expect(ok(addNote(recorded(), ` ${'x'.repeat(20_000)} `, laterCtx())).event).toMatchObject({ text: 'x'.repeat(20_000) });
    expect(addNote(recorded(), 'x'.repeat(20_001), laterCtx()).ok).toBe(false);
  });

  it('keeps HTML as text', () => {
    const text = '<script>alert(1)</script>';
    expect(ok(addNote(recorded(), text, laterCtx())).event).toMatchObject({ text });
  });

  it('links a correction to the entry it corrects, and refuses a link that is not an event id', () => {
    const target = newId();
    expect(ok(addNote(recorded(), 'Correction: 60 %.', laterCtx(), target)).event).toMatchObject({ corrects: target });
    expect(addNote(recorded(), 'Correction', laterCtx(), 'the one above')).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'corrects' } });
  });

  it('allows review notes on closed and cancelled incidents', () => {
    const resolved = ok(changeStatus(recorded(), 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'ok' }, laterCtx(1))).incident;
    const closed = ok(changeStatus(resolved, 'closed', {}, laterCtx(2))).incident;
    const cancelled = ok(changeStatus(recorded(), 'cancelled', { cancelReason: 'Drill' }, laterCtx(1))).incident;
    expect(addNote(deepFreeze(closed), 'Review: add a second starter battery.', laterCtx(3)).ok).toBe(true);
    expect(addNote(deepFreeze(cancelled), 'Was a drill.', laterCtx(3)).ok).toBe(true);
  });

  it('refuses a note from a context that cannot make a valid event', () => {
    expect(addNote(recorded(), 'x', laterCtx(1, { author: { name: '' } }))).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'author' } });
    expect(addNote(recorded(), 'x', laterCtx(1, { hlc: 'later' }))).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'hlc' } });
  });

  it('does not mutate the (frozen) incident', () => {
    const incident = recorded();
    const before = snapshot(incident);
    addNote(incident, 'note', laterCtx());
    expect(snapshot(incident)).toBe(before);
  });
});
