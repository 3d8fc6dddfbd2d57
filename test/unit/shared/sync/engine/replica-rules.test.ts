// Pure helpers replicas share: page planning, capped-stamp rewrites, highest stamp, push-batch sizing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editIncident, recordIncident } from '../../../../../shared/domain';
import {
  checkPushResponse,
  conflictsFound,
  packBatch,
  highestStamp,
  incidentIdsOf,
  planPage,
  rewriteEventStamp,
  rewriteOperationStamp,
  rewriteStateStamp,
  SyncError,
  utf8ByteLength,
} from '../../../../../shared/sync/engine';
import { mergeOperation } from '../../../../../shared/sync/merge';
import { ctxAt, ok, opOf, stampAt, T0 } from '../support/ops';

function incidentWithEdits() {
  const created = ok(recordIncident({ title: 'Pump 3 leaking' }, 1, 'K7QM', ctxAt('dev-a', T0)));
  const a = ok(editIncident(created.incident, { title: 'A' }, ctxAt('dev-a', T0 + 10)));
  const b = ok(editIncident(created.incident, { title: 'B', assignee: 'Sam' }, ctxAt('dev-b', T0 + 20)));
  const onTopOfA = ok(editIncident(a.incident, { title: 'A again' }, ctxAt('dev-a', T0 + 30)));
  return { created: opOf(created), a: opOf(a), b: opOf(b), onTopOfA: opOf(onTopOfA) };
}

describe('planPage', () => {
  it('merges a page in order on top of the stored states and lists events and conflicts', () => {
    const { created, a, b } = incidentWithEdits();
    const stored = mergeOperation(undefined, created).state;
    const plan = planPage([a, b], new Map([[created.incidentId, stored]]));
    const expected = mergeOperation(mergeOperation(stored, a).state, b);
    expect(plan.states.get(created.incidentId)).toEqual(expected.state);
    expect(plan.events.map((e) => e.id)).toEqual([a.event.id, b.event.id]);
    expect(plan.conflicts).toEqual(expected.conflicts);
    expect(incidentIdsOf([created, a, b])).toEqual([created.incidentId]);
  });

  it('tells later which conflicts count once it is known which operations were merged before', () => {
    const { created, a, b } = incidentWithEdits();
    const stored = mergeOperation(undefined, created).state;
    const loaded = new Map([[created.incidentId, stored]]);
    const plan = planPage([a, b], loaded);
    expect(plan.conflicts.length).toBeGreaterThan(0);
    for (const held of [new Set<string>(), new Set([a.event.id]), new Set([b.event.id]), new Set([a.event.id, b.event.id])]) {
      const heldBefore = (eventId: string) => held.has(eventId);
      expect(conflictsFound(plan, heldBefore)).toEqual(planPage([a, b], loaded, heldBefore).conflicts);
    }
  });

  it('starts from nothing for an incident the replica does not hold', () => {
    const { created } = incidentWithEdits();
    const plan = planPage([created], new Map([[created.incidentId, undefined]]));
    expect(plan.states.get(created.incidentId)!.init).toEqual(created.init);
  });
});

describe('capped-stamp rewrites', () => {
  it('rewrites the field stamps that still carry the capped stamp, and only those', () => {
    const { created, a, b } = incidentWithEdits();
    const state = [created, a, b].reduce((s, op) => mergeOperation(s, op).state, mergeOperation(undefined, created).state);
    const to = stampAt(T0 + 5, 'dev-b', 1);
    const rewritten = rewriteStateStamp(state, b.hlc, to);
    expect(rewritten.stamps.title).toBe(to);
    expect(rewritten.stamps.assignee).toBe(to);
    expect(rewritten.stamps.description).toBe(created.hlc);
    expect(rewriteStateStamp(state, 'not-there', to)).toBe(state);
  });

  it('rewrites an operation’s stamp, its event and base entries naming the capped stamp; others stay the same object', () => {
    const { a, b, onTopOfA } = incidentWithEdits();
    const to = stampAt(T0 + 1, 'dev-a', 7);
    const capped = rewriteOperationStamp(a, a.hlc, to);
    expect(capped.hlc).toBe(to);
    expect(capped.event.hlc).toBe(to);
    expect(rewriteOperationStamp(onTopOfA, a.hlc, to).base).toEqual({ title: to });
    expect(rewriteOperationStamp(b, a.hlc, to)).toBe(b);
    expect(rewriteEventStamp(b.event, a.hlc, to)).toBe(b.event);
  });

  it('finds the highest stamp of a page', () => {
    const { created, a, b } = incidentWithEdits();
    expect(highestStamp([b, created, a])).toBe(b.hlc);
    expect(highestStamp([])).toBeNull();
  });
});

describe('push batches', () => {
  it('measures UTF-8 like the platform does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (text, raw) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
        expect(utf8ByteLength(raw)).toBe(Buffer.byteLength(raw, 'utf8'));
      }),
    );
  });

  it('takes the longest prefix that fits, and always at least one operation', () => {
    const { created, a, b } = incidentWithEdits();
    const size = (op: typeof a) => utf8ByteLength(JSON.stringify(op)) + 1;
    expect(packBatch([created, a, b], size(created) + size(a)).ops).toEqual([created, a]);
    expect(packBatch([created, a], 10).ops).toEqual([created]);
    expect(packBatch([], 10)).toEqual({ ops: [], json: '[]' });
  });

  it('gives the same batch, and its exact JSON, whether the quick whole-batch bound or the per-operation sizes decide', () => {
    const { created, a, b } = incidentWithEdits();
    const ops = [created, a, b, { ...b, event: { ...b.event, id: `${b.event.id}` } }];
    const size = (op: typeof a) => utf8ByteLength(JSON.stringify(op)) + 1;
    const exact = ops.reduce((sum, op) => sum + size(op), 0);
    // Around every boundary: 3× the JSON length is far above the exact size, so both paths are exercised.
    for (let maxBytes = size(created) - 2; maxBytes <= 3 * (JSON.stringify(ops).length + 1) + 2; maxBytes += 7) {
      let expected = 0;
      let total = 0;
      for (const op of ops) {
        if (expected > 0 && total + size(op) > maxBytes) break;
        total += size(op);
        expected += 1;
      }
      const packed = packBatch(ops, maxBytes);
      expect(packed.ops).toEqual(ops.slice(0, expected));
      // Serialized once, and exactly as JSON.stringify would: the transport sends this text as is.
      expect(packed.json).toBe(JSON.stringify(packed.ops));
    }
    expect(packBatch(ops, exact).ops).toEqual(ops);
    // A copy: the engine's batch is never the caller's array.
    expect(packBatch(ops, 10 * exact).ops).not.toBe(ops);
  });
});

describe('checkPushResponse', () => {
  it('turns results into outcomes, with capped stamps and default reasons', () => {
    const { a, b } = incidentWithEdits();
    const capped = stampAt(T0, 'dev-a', 3);
    const outcomes = checkPushResponse([a, b], {
      hqId: 'hq',
      epoch: 'e',
      serverTime: 0,
      results: [
        { index: 0, opId: a.opId, status: 'applied', hlc: capped, serverSeq: 1 },
        { index: 1, opId: b.opId, status: 'rejected', reason: '  ' },
      ],
    });
    expect(outcomes).toEqual([
      { opId: a.opId, deviceSeq: a.deviceSeq, status: 'applied', capped: { from: a.hlc, to: capped } },
      { opId: b.opId, deviceSeq: b.deviceSeq, status: 'rejected', code: null, reason: 'HQ refused this change for good.' },
    ]);
  });

  it('refuses results out of order or for other operations', () => {
    const { a, b } = incidentWithEdits();
    const response = (results: { index: number; opId: string }[]) => ({ hqId: 'hq', epoch: 'e', serverTime: 0, results: results.map((r) => ({ ...r, status: 'applied' as const })) });
    expect(() => checkPushResponse([a, b], response([{ index: 1, opId: b.opId }, { index: 0, opId: a.opId }]))).toThrow(SyncError);
    expect(() => checkPushResponse([a], response([{ index: 0, opId: b.opId }]))).toThrow(SyncError);
  });
});
