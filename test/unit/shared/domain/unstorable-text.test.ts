// U+0000 and unpaired surrogates in what a person writes are refused by the commands with a message saying what to do; stored text is left alone.
import { describe, expect, it } from 'vitest';
import { addNote, applyAutoClose, changeStatus, editIncident, findUnstorableText, hasUnstorableChar, newId, recordIncident, UNSTORABLE_TEXT_MESSAGE, type Incident } from '../../../../shared/domain';
import { laterCtx, makeCtx, PREFIX, recorded } from './fixtures';

const refusal = (field: string) => ({ ok: false, error: { code: 'invalid-input', field, message: UNSTORABLE_TEXT_MESSAGE } });

describe('hasUnstorableChar', () => {
  it.each([
    ['U+0000', 'a\u0000b', true],
    ['a lone high surrogate', 'a\uD800b', true],
    ['a lone high surrogate at the end', 'ab\uDBFF', true],
    ['a lone low surrogate', '\uDC00ab', true],
    ['two high surrogates', '\uD83D\uD83D\uDE92', true],
    ['a whole surrogate pair (an emoji)', 'Fire \uD83D\uDE92 truck', false],
    ['ordinary text with other control characters', 'tab\there\nnew line', false],
    ['a typed backslash-u0000', 'C:\\u0000', false],
  ])('%s → %s', (_name, text, expected) => {
    expect(hasUnstorableChar(text)).toBe(expected);
  });
});

describe('findUnstorableText', () => {
  it('names the path of the first bad string, skipping what it is told to', () => {
    const value = { a: 'fine', b: [{ c: 'ok' }, { c: 'bad\u0000' }], d: { from: 'old\uD800' } };
    expect(findUnstorableText(value)).toEqual(['b', 1, 'c']);
    expect(findUnstorableText({ d: value.d }, (path) => path.at(-1) === 'from')).toBeNull();
    expect(findUnstorableText({ n: 1, t: true, x: null })).toBeNull();
  });
});

describe('commands refuse such text', () => {
  it('in a new incident title, with a message that says what to remove', () => {
    expect(recordIncident({ title: 'Pump\u0000 3' }, 1, PREFIX, makeCtx())).toEqual(refusal('title'));
    expect(UNSTORABLE_TEXT_MESSAGE).toMatch(/delete it or retype the text/);
  });

  it('in a note and in an edited field', () => {
    expect(addNote(recorded(), 'Pasted \uDFFF log', laterCtx())).toEqual(refusal('text'));
    expect(editIncident(recorded(), { description: 'half an emoji: \uD83D' }, laterCtx())).toEqual(refusal('description'));
  });

  it('but not in text the incident already holds (an older Lantern stored it): the incident can still be worked and fixed', () => {
    const old: Incident = { ...recorded(), title: 'Pump\u0000 3' };
    expect(addNote(old, 'Technician called', laterCtx()).ok).toBe(true);
    const fixed = editIncident(old, { title: 'Pump 3' }, laterCtx());
    expect(fixed.ok && fixed.value.incident.title).toBe('Pump 3');
  });

  it('nor in a resolution the close keeps as it was (the automatic close too), while a new resolution is checked', () => {
    const resolved: Incident = { ...recorded(), status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'Relay \u0000 replaced' };
    const closed = changeStatus(resolved, 'closed', {}, laterCtx());
    expect(closed.ok && closed.value.incident.status).toBe('closed');
    const plan = { id: newId(), incidentId: resolved.id, resolvedEventId: newId(), resolvedAtMs: 0, dueAtMs: 0, days: 7 };
    expect(applyAutoClose(resolved, plan, laterCtx()).ok).toBe(true);
    const working: Incident = { ...recorded(), status: 'in_progress', assignee: 'Sam Okafor' };
    expect(changeStatus(working, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Relay \uD800 replaced' }, laterCtx())).toEqual(refusal('resolutionNotes'));
  });
});
