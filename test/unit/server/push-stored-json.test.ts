// What a push stores is byte for byte what it stored before the push path was made cheaper: operation and entry JSON, file references.
import { describe, expect, it } from 'vitest';
import { classifyBatch } from '../../../server/sync/push-batch';
import { PushDecider } from '../../../server/sync/push-decider';
import { operationJson } from '../../../server/sync/operation-json';
import type { PushSnapshot } from '../../../server/store/types';
import type { Operation } from '../../../shared/sync/operation';
import { fileRefsOf } from '../../../shared/sync/wire';
import { TestDevice } from './support/test-device';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function emptySnapshot(deviceId: string): PushSnapshot {
  return {
    hqId: 'hq',
    epoch: 'epoch',
    devices: new Map([[deviceId, { lastSeq: 0, lastHlc: null }]]),
    access: new Map(),
    knownOps: new Map(),
    knownRejections: new Map(),
    cappedStamps: new Map(),
    incidentStates: new Map(),
    lastServerSeq: 0,
  };
}

/** A device's operations of many shapes: creation, notes with awkward text, an edit, attachments, attachment-like text. */
function awkwardOperations(device: TestDevice): Operation[] {
  const create = device.create('Pump "3" \\ leaking \u2028 ünïcödé 🚒', { description: 'Text with "event":{"id":"x"} and "sha256": inside' });
  const id = create.incidentId;
  return [
    create,
    device.note(id, `"sha256":"${SHA_A}","size":10 is only text here`),
    device.note(id, '{"event":{"id":"not this one"}}'),
    device.edit(id, { title: 'Pump 3 leaking badly' }),
    { ...device.note(id, 'photo attached'), attachments: [{ sha256: SHA_B, name: 'pump.jpg', type: 'image/jpeg', size: 12 }] },
  ];
}

describe('operationJson', () => {
  it('gives exactly JSON.stringify of the operation and of its entry, whatever the keys and text', () => {
    const device = new TestDevice('device-json');
    const ops: Operation[] = [
      ...awkwardOperations(device),
      // Not operations HQ would accept, but the text must still be exact: an undefined key, the entry not last, an entry alone.
      { ...device.create('With an undefined key'), base: undefined },
      { event: device.create('Entry only').event } as unknown as Operation,
    ];
    for (const op of ops) {
      const json = operationJson(op);
      expect(json.body).toBe(JSON.stringify(op));
      expect(json.event).toBe(JSON.stringify(op.event));
    }
  });
});

describe('PushDecider stores the same texts and file references as before', () => {
  it('each stored body is JSON.stringify of the operation as validated, each entry that of its event, file references those fileRefsOf finds', () => {
    const device = new TestDevice('device-store');
    const raws: unknown[] = awkwardOperations(device).map((op) => JSON.parse(JSON.stringify(op)) as unknown);
    const input = { deviceId: device.id, now: Date.now(), ops: raws, files: [], clockSkewMs: null };
    const items = classifyBatch(input);
    const decider = new PushDecider(emptySnapshot(device.id));
    const results = decider.decide(input, items);
    expect(results.map((result) => result.status)).toEqual(raws.map(() => 'applied'));
    const writes = decider.writes();
    const validated = items.map((item) => (item.kind === 'valid' ? item.op : null));
    expect(writes.ops.map((row) => row.body)).toEqual(validated.map((op) => JSON.stringify(op)));
    expect(writes.events.map((row) => row.body)).toEqual(validated.map((op) => JSON.stringify(op!.event)));
    const expectedRefs = validated.flatMap((op) => fileRefsOf(op!).map((ref) => ({ ...ref, opId: op!.opId })));
    expect(writes.fileRefs).toEqual(expectedRefs);
    // The attachment is found; the text that only mentions a sha256 names no file.
    expect(writes.fileRefs.map((ref) => ref.sha256)).toEqual([SHA_B]);
  });

  it('an attachment-like object inside an entry or a field (as a newer kind of entry may carry) is still found, with or without attachments', () => {
    const device = new TestDevice('device-refs');
    const create = device.create('Cracked pipe');
    const note = device.note(create.incidentId, 'photo in the entry');
    const withFileInEvent = { ...note, event: { ...note.event, files: [{ sha256: SHA_A, size: 3 }] } } as unknown as Operation;
    const ops = [create, withFileInEvent];
    // Decided as given (the decider trusts what classifyBatch passed), so the entry keeps its extra key.
    const items = ops.map((op, index) => ({ kind: 'valid' as const, index, op }));
    const input = { deviceId: device.id, now: Date.now(), ops, files: [], clockSkewMs: null };
    const decider = new PushDecider(emptySnapshot(device.id));
    expect(decider.decide(input, items).map((result) => result.status)).toEqual(['applied', 'applied']);
    expect(decider.writes().fileRefs).toEqual([{ sha256: SHA_A, size: 3, opId: note.opId }]);
  });
});
