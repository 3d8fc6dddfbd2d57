// The page's replica responder: validated calls reach the LocalReplica, answers and errors go back without stack traces.
import { describe, expect, it, vi } from 'vitest';
import { createReplicaResponder, replyErrorOf, RESPONDER_MESSAGES } from '../../../../renderer/host/electron-replica-responder';
import { recordIncident } from '../../../../shared/domain';
import type { LocalReplica } from '../../../../shared/sync/engine/replica';
import type { ReplicaReply } from '../../../../shared/ipc/schemas/replica';
import type { FileSource } from '../../../../shared/sync/engine/file-upload';
import { fileBytes, MemoryFileSource } from '../../shared/sync/support/memory-files';
import { MemoryReplica } from '../../shared/sync/support/memory-replica';
import { fakeBridge, flush } from './fake-bridge';

function setup(replica: LocalReplica = new MemoryReplica('dev-a', () => Date.parse('2026-11-26T12:00:00Z')), files?: FileSource) {
  const fake = fakeBridge();
  const onProblem = vi.fn();
  const off = createReplicaResponder(fake.bridge, replica, { onProblem, files });
  return { ...fake, off, onProblem, replica };
}

const replies = (reply: ReturnType<typeof fakeBridge>['bridge']['replica']['reply']) => reply.mock.calls.map(([r]) => r as ReplicaReply);

describe('createReplicaResponder', () => {
  it('subscribes, then tells main it listens', () => {
    const { bridge, count } = setup();
    expect(count('replica:call')).toBe(1);
    expect(bridge.replica.attach).toHaveBeenCalledTimes(1);
  });

  it('answers every method with the replica’s result (null for methods without one)', async () => {
    const db = new MemoryReplica('dev-a', () => Date.parse('2026-11-26T12:00:00Z'));
    const op = db.commit((ctx) => recordIncident({ title: 'Pump 3' }, 1, 'K7QM', ctx));
    const { bridge, emit } = setup(db);
    for (const call of [
      { callId: 'call-0001', method: 'countPending', args: [] },
      { callId: 'call-0002', method: 'pendingOps', args: [10] },
      { callId: 'call-0003', method: 'resetForNewEpoch', args: ['epoch-1'] },
      { callId: 'call-0004', method: 'getCursor', args: [] },
    ]) {
      emit('replica:call', call);
      await flush();
    }
    expect(replies(bridge.replica.reply)).toEqual([
      { callId: 'call-0001', ok: true, result: 1 },
      { callId: 'call-0002', ok: true, result: [op] },
      { callId: 'call-0003', ok: true, result: null },
      { callId: 'call-0004', ok: true, result: { epoch: 'epoch-1', cursor: null } },
    ]);
  });

  it('reports replica errors by name and first line only, and flags a full disk', async () => {
    const failing: LocalReplica = {
      pendingOps: async () => [],
      recordPushResults: async () => undefined,
      getCursor: async () => ({ epoch: null, cursor: null }),
      applyPulledPage: async () => {
        throw Object.assign(new Error('Transaction aborted\n    at secret (/home/me/app.js:1:1)'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
      },
      resetForNewEpoch: async () => undefined,
      countPending: async () => {
        throw new TypeError('db.outbox is undefined');
      },
    };
    const { bridge, emit } = setup(failing);
    emit('replica:call', { callId: 'call-0001', method: 'applyPulledPage', args: [{ epoch: 'e', cursor: 'c', ops: [], highestStamp: null, serverTime: 1 }] });
    emit('replica:call', { callId: 'call-0002', method: 'countPending', args: [] });
    await flush();
    expect(replies(bridge.replica.reply)).toEqual([
      { callId: 'call-0001', ok: false, error: { kind: 'quota', message: 'AbortError: Transaction aborted' } },
      { callId: 'call-0002', ok: false, error: { kind: 'storage', message: 'TypeError: db.outbox is undefined' } },
    ]);
    expect(JSON.stringify(replies(bridge.replica.reply))).not.toContain('app.js');
  });

  it('refuses malformed calls before they touch the database', async () => {
    const db = new MemoryReplica('dev-a', () => 0);
    const spy = vi.spyOn(db, 'resetForNewEpoch');
    const { bridge, emit, onProblem } = setup(db);
    emit('replica:call', { callId: 'call-0001', method: 'dropEverything', args: [] });
    emit('replica:call', { callId: 'call-0002', method: 'resetForNewEpoch', args: [{ toString: 'x' }] });
    emit('replica:call', { method: 'countPending', args: [] });
    emit('replica:call', null);
    await flush();
    expect(spy).not.toHaveBeenCalled();
    expect(replies(bridge.replica.reply)).toEqual([
      { callId: 'call-0001', ok: false, error: { kind: 'storage', message: expect.stringMatching(/^The call did not match the replica contract\. \(method: /) } },
      { callId: 'call-0002', ok: false, error: { kind: 'storage', message: expect.stringMatching(/^The call did not match the replica contract\. \(args\.0: /) } },
    ]);
    expect(onProblem).toHaveBeenCalledTimes(2);
  });

  it('survives main refusing a reply, and stops answering once unsubscribed', async () => {
    const { bridge, emit, off, onProblem } = setup();
    bridge.replica.reply.mockRejectedValueOnce(new Error('IPC rejected'));
    emit('replica:call', { callId: 'call-0001', method: 'countPending', args: [] });
    await flush();
    expect(onProblem).toHaveBeenCalledWith(expect.stringMatching(/did not take/));
    off();
    emit('replica:call', { callId: 'call-0002', method: 'countPending', args: [] });
    await flush();
    expect(bridge.replica.reply).toHaveBeenCalledTimes(1);
  });
});

describe('createReplicaResponder file methods', () => {
  const replica = () => new MemoryReplica('dev-a', () => 0);

  it('answers from the FileSource: pending files, chunks as Uint8Array, the uploaded mark', async () => {
    const files = new MemoryFileSource();
    const bytes = fileBytes(100);
    const sha = await files.attach(bytes);
    const { bridge, emit } = setup(replica(), files);
    emit('replica:call', { callId: 'call-0001', method: 'pendingFiles', args: [10] });
    emit('replica:call', { callId: 'call-0002', method: 'readFileChunk', args: [sha, 10, 20] });
    emit('replica:call', { callId: 'call-0003', method: 'markFileUploaded', args: [sha] });
    await flush();
    // The calls run concurrently: replies may come back in any order.
    const answers = replies(bridge.replica.reply).sort((a, b) => a.callId.localeCompare(b.callId));
    expect(answers[0]).toEqual({ callId: 'call-0001', ok: true, result: [{ sha256: sha, size: 100 }] });
    expect(answers[1]).toEqual({ callId: 'call-0002', ok: true, result: bytes.slice(10, 30) });
    expect(answers[1]?.ok && answers[1].result).toBeInstanceOf(Uint8Array);
    expect(answers[2]).toEqual({ callId: 'call-0003', ok: true, result: null });
    expect(files.uploaded(sha)).toBe(true);
  });

  it.each([
    ['an oversized length', ['a'.repeat(64), 0, 1024 * 1024 + 1], /args\.2: Too big/],
    ['a negative offset', ['a'.repeat(64), -1, 10], /args\.1: Too small/],
    ['a bad hash', ['A'.repeat(64), 0, 10], /args\.0: Expected a lower-case SHA-256/],
  ])('refuses a read with %s before touching the files, saying which argument', async (_label, args, message) => {
    const files = new MemoryFileSource();
    const read = vi.spyOn(files, 'readChunk');
    const { bridge, emit } = setup(replica(), files);
    emit('replica:call', { callId: 'call-0001', method: 'readFileChunk', args });
    await flush();
    expect(read).not.toHaveBeenCalled();
    const [answer] = replies(bridge.replica.reply);
    expect(answer).toMatchObject({ callId: 'call-0001', ok: false, error: { kind: 'storage' } });
    expect(answer?.ok === false && answer.error.message).toMatch(message);
  });

  it('without a FileSource, file calls fail in words instead of pretending nothing is pending', async () => {
    const { bridge, emit } = setup(replica());
    emit('replica:call', { callId: 'call-0001', method: 'pendingFiles', args: [10] });
    await flush();
    expect(replies(bridge.replica.reply)).toEqual([{ callId: 'call-0001', ok: false, error: { kind: 'storage', message: `Error: ${RESPONDER_MESSAGES.noFiles}` } }]);
  });
});

describe('replyErrorOf', () => {
  it('bounds the message and never includes a stack', () => {
    const error = new Error(`${'x'.repeat(2000)}\nat y`);
    const reply = replyErrorOf(error);
    expect(reply.message.length).toBeLessThanOrEqual(500);
    expect(reply.message).not.toContain('at y');
    expect(replyErrorOf('plain text')).toEqual({ kind: 'storage', message: 'Error: plain text' });
    expect(replyErrorOf(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })).kind).toBe('quota');
  });
});
