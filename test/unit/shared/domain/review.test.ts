// After-action review domain: when a review may be written, what it refuses, and which review is current (any arrival order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, timelineEventSchema, type CommandResult, type Incident, type Status, type TimelineEvent } from '../../../../shared/domain';
import { currentReview, writeReview, type ReviewInput } from '../../../../shared/domain/review';
import { deepFreeze, laterCtx, makeCtx, recorded, snapshot, stamp } from './fixtures';
import { passesOperationSchema } from './operation-check';

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function inStatus(status: Status): Incident {
  return deepFreeze({ ...recorded({ title: 'Water leak in server room' }), status });
}

const T0 = Date.parse('2026-03-29T02:00:00.000Z');

/** A review entry as device `node` would write it at `ms`, on top of `events`. */
function reviewOn(incident: Incident, events: TimelineEvent[], input: ReviewInput, ms: number, node: string, name: string): TimelineEvent {
  const ctx = makeCtx({ deviceId: node, author: { name }, hlc: stamp(ms, 0, node), now: { utc: new Date(ms).toISOString(), offsetMinutes: 60 } });
  return ok(writeReview(incident, currentReview(events), input, ctx)).event;
}

describe('writeReview', () => {
  it('writes one valid review entry with the trimmed parts (missing parts as empty) and changes no field', () => {
    const incident = inStatus('resolved');
    const before = snapshot(incident);
    const { event, change, incident: next } = ok(writeReview(incident, null, { whatHappened: '  Pipe burst above rack 4 \n', rootCause: ' Corroded joint ', problemRef: ' PRB0012345 ' }, laterCtx(1)));
    expect(event).toMatchObject({ kind: 'review', whatHappened: 'Pipe burst above rack 4', whatWorked: '', whatToChange: '', rootCause: 'Corroded joint', problemRef: 'PRB0012345' });
    expect(timelineEventSchema.parse(event)).toEqual(event);
    expect(change.set).toEqual({});
    expect(passesOperationSchema(change)).toBe(true);
    expect(next.status).toBe('resolved');
    expect(next.updatedAt >= incident.updatedAt).toBe(true);
    expect(snapshot(incident)).toBe(before);
  });

  it('is allowed on a closed incident (read-only except reviews)', () => {
    expect(writeReview(inStatus('closed'), null, { whatHappened: 'Generator B failed its weekly test' }, laterCtx(1))).toMatchObject({ ok: true, value: { event: { kind: 'review' } } });
  });

  it.each(['new', 'assigned', 'in_progress', 'on_hold'] as const)('refuses a review while the incident is %s and says when to write it', (status) => {
    expect(writeReview(inStatus(status), null, { whatHappened: 'Too early' }, laterCtx(1))).toEqual({
      ok: false,
      error: { code: 'not-allowed', message: 'Write the review once the incident is resolved.' },
    });
  });

  it('refuses a cancelled incident', () => {
    expect(writeReview(inStatus('cancelled'), null, { whatHappened: 'False alarm' }, laterCtx(1))).toMatchObject({ ok: false, error: { code: 'read-only' } });
  });

  it('refuses an empty or blank "what happened", naming the field', () => {
    for (const whatHappened of [undefined, '', '   \n\t']) {
      expect(writeReview(inStatus('resolved'), null, { whatHappened, whatWorked: 'Quick shutdown' } as ReviewInput, laterCtx(1))).toEqual({
        ok: false,
        error: { code: 'missing-field', field: 'whatHappened', message: 'Write what happened first.' },
      });
    }
  });

  it('refuses a part over the limit, naming that part', () => {
    const result = writeReview(inStatus('resolved'), null, { whatHappened: 'Leak', whatToChange: 'x'.repeat(LIMITS.note + 1) }, laterCtx(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'whatToChange' } });
  });

  it('refuses a review identical to the current one (after trimming), but accepts any changed part', () => {
    const incident = inStatus('resolved');
    const first = reviewOn(incident, [], { whatHappened: 'Leak', problemRef: 'PRB1' }, T0, 'dev-a', 'Ana');
    const current = currentReview([first]);
    expect(writeReview(incident, current, { whatHappened: ' Leak ', problemRef: 'PRB1 ' }, laterCtx(1))).toMatchObject({
      ok: false,
      error: { code: 'no-change', message: expect.stringMatching(/^Nothing changed since the last review/) },
    });
    expect(writeReview(incident, current, { whatHappened: 'Leak', problemRef: 'PRB2' }, laterCtx(1))).toMatchObject({ ok: true });
  });
});

describe('currentReview', () => {
  it('is null without review entries', () => {
    expect(currentReview([])).toBeNull();
  });

  it('is the latest review in HLC order, with its author and time, counting the revisions before it', () => {
    const incident = inStatus('resolved');
    const first = reviewOn(incident, [], { whatHappened: 'Leak' }, T0, 'dev-a', 'Ana');
    const second = reviewOn(incident, [first], { whatHappened: 'Leak above rack 4', rootCause: 'Corroded joint' }, T0 + 60_000, 'dev-b', 'Ben');
    const review = currentReview([second, first]);
    expect(review).toEqual({
      fields: { whatHappened: 'Leak above rack 4', whatWorked: '', whatToChange: '', rootCause: 'Corroded joint', problemRef: '' },
      by: { name: 'Ben' },
      at: second.at,
      eventId: second.id,
      revisions: 1,
    });
    expect(currentReview([first])).toMatchObject({ eventId: first.id, revisions: 0, by: { name: 'Ana' } });
  });

  it('two devices revising offline agree on the same current review whatever the arrival order', () => {
    const incident = inStatus('closed');
    const first = reviewOn(incident, [], { whatHappened: 'Leak' }, T0, 'dev-a', 'Ana');
    const fromA = reviewOn(incident, [first], { whatHappened: 'Leak (A)' }, T0 + 5_000, 'dev-a', 'Ana');
    const fromB = reviewOn(incident, [first], { whatHappened: 'Leak (B)' }, T0 + 5_000, 'dev-b', 'Ben');
    const all = [first, fromA, fromB];
    const expected = currentReview(all);
    expect(expected?.revisions).toBe(2);
    expect(expected?.fields.whatHappened).toBe('Leak (B)'); // same wall time and counter: the node id decides
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (order) => {
        expect(currentReview(order)).toEqual(expected);
      }),
    );
  });
});
