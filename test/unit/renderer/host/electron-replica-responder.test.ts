// The page's replica responder: validated calls reach the LocalReplica, answers and errors go back without stack traces.
import { describe, expect, it, vi } from 'vitest';
import { createReplicaResponder, replyErrorOf } from '../../../../renderer/host/electron-replica-responder';
import { recordIncident } from '../../../../shared/domain';
import type { LocalReplica } from '../../../../shared/sync/engine/replica';
import { MemoryReplica } from '../../shared/sync/support/memory-replica';
import { fakeBridge, flush } from './fake-bridge';

function setup(replica: LocalReplica = new MemoryReplica('dev-a', () => Date.parse('2026-11-26T12:00:00Z'))) {
  const fake = fakeBridge();
  const onProblem = vi.fn();
  const off = createReplicaResponder(fake.bridge, replica, { onProblem });
  return { ...fake, off, onProblem, replica };
}

const replies = (reply: ReturnType<typeof fakeBridge>['bridge']['replica']['reply']) => reply.mock.calls.map(([r]) => r);

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
      { callId: 'call-0001', ok: false, error: { kind: 'storage', message: 'The call did not match the replica contract.' } },
      { callId: 'call-0002', ok: false, error: { kind: 'storage', message: 'The call did not match the replica contract.' } },
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
