// RemoteReplica: calls go to the attached page as `replica:call`; replies are checked for sender, call id and shape.
import { describe, expect, it, vi } from 'vitest';
import { RemoteReplica, type ReplicaPage } from '../../../../../main/services/sync/remote-replica';
import { ReplicaUnavailableError } from '../../../../../main/services/sync/replica-error';
import type { ReplicaCall } from '../../../../../shared/ipc/schemas/replica';
import { recordIncident } from '../../../../../shared/domain';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';
import { ManualTimers } from './support';

function fakePage(id = 7) {
  const sent: ReplicaCall[] = [];
  const page: ReplicaPage & { destroyed: boolean } = {
    id,
    destroyed: false,
    isDestroyed: () => page.destroyed,
    send: vi.fn((_channel: string, payload: unknown) => void sent.push(payload as ReplicaCall)),
  };
  return { page, sent };
}

function setup() {
  const timers = new ManualTimers();
  let n = 0;
  const warn = vi.fn();
  const remote = new RemoteReplica({ timers, newCallId: () => `call-0000-${++n}`, timeoutMs: 1_000, warn });
  const { page, sent } = fakePage();
  remote.attach(page);
  return { timers, remote, page, sent, warn };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof ReplicaUnavailableError ? error.failure : 'other'));

describe('RemoteReplica', () => {
  it('sends each method as a replica:call and resolves with the checked result', async () => {
    const { remote, page, sent } = setup();
    const count = remote.countPending();
    expect(page.send).toHaveBeenCalledWith('replica:call', { callId: 'call-0000-1', method: 'countPending', args: [] });
    expect(remote.handleReply({ callId: 'call-0000-1', ok: true, result: 3 }, 7)).toBe('accepted');
    await expect(count).resolves.toBe(3);

    const moved = remote.renumberPending(6);
    expect(sent.at(-1)).toMatchObject({ method: 'renumberPending', args: [6] });
    remote.handleReply({ callId: sent.at(-1)!.callId, ok: true, result: 2 }, 7);
    await expect(moved).resolves.toBe(2);

    const cursor = remote.getCursor();
    remote.handleReply({ callId: sent.at(-1)!.callId, ok: true, result: { epoch: 'e1', cursor: null } }, 7);
    await expect(cursor).resolves.toEqual({ epoch: 'e1', cursor: null });

    const reset = remote.resetForNewEpoch('e2');
    expect(sent[3]).toEqual({ callId: 'call-0000-4', method: 'resetForNewEpoch', args: ['e2'] });
    remote.handleReply({ callId: 'call-0000-4', ok: true, result: null }, 7);
    await expect(reset).resolves.toBeUndefined();
  });

  it('validates pending operations from the page and refuses malformed or too many', async () => {
    const { remote, sent } = setup();
    const local = new MemoryReplica('dev-a', () => Date.now());
    local.commit((ctx) => recordIncident({ title: 'Pump 3' }, 1, 'K7QM', ctx));
    const ops = await local.pendingOps(10);

    const good = remote.pendingOps(5);
    remote.handleReply({ callId: sent[0]!.callId, ok: true, result: ops }, 7);
    await expect(good).resolves.toEqual(ops);

    const junk = remote.pendingOps(5);
    remote.handleReply({ callId: sent[1]!.callId, ok: true, result: [{ ...ops[0], hlc: 'not-a-stamp' }] }, 7);
    expect(await failure(junk)).toBe('bad-answer');

    const tooMany = remote.pendingOps(1);
    remote.handleReply({ callId: sent[2]!.callId, ok: true, result: [ops[0], ops[0]] }, 7);
    expect(await failure(tooMany)).toBe('bad-answer');

    const wrongType = remote.countPending();
    remote.handleReply({ callId: sent[3]!.callId, ok: true, result: '3' }, 7);
    expect(await failure(wrongType)).toBe('bad-answer');
  });

  it('reads ahead after a device sequence and refuses an answer that includes operations at or before it', async () => {
    const { remote, sent } = setup();
    const local = new MemoryReplica('dev-a', () => Date.now());
    local.commit((ctx) => recordIncident({ title: 'Pump 3' }, 1, 'K7QM', ctx));
    local.commit((ctx) => recordIncident({ title: 'Pump 4' }, 2, 'K7QM', ctx));
    const ops = await local.pendingOps(10);

    const ahead = remote.pendingOpsAfter(1, 5);
    expect(sent[0]).toMatchObject({ method: 'pendingOpsAfter', args: [1, 5] });
    remote.handleReply({ callId: sent[0]!.callId, ok: true, result: ops.slice(1) }, 7);
    await expect(ahead).resolves.toEqual(ops.slice(1));

    const stale = remote.pendingOpsAfter(1, 5);
    remote.handleReply({ callId: sent[1]!.callId, ok: true, result: ops }, 7);
    expect(await failure(stale)).toBe('bad-answer');
  });

  it('refuses replies with unknown call ids or from another page, and keeps waiting for the real one', async () => {
    const { remote, sent, warn } = setup();
    const count = remote.countPending();
    expect(remote.handleReply({ callId: 'call-9999-9', ok: true, result: 1 }, 7)).toBe('unknown-call');
    expect(remote.handleReply({ callId: sent[0]!.callId, ok: true, result: 1 }, 8)).toBe('wrong-sender');
    expect(remote.handleReply({ callId: sent[0]!.callId, ok: true, result: 1 }, null)).toBe('wrong-sender');
    expect(remote.handleReply({ callId: sent[0]!.callId, ok: true, result: 2 }, 7)).toBe('accepted');
    await expect(count).resolves.toBe(2);
    // A late duplicate of a finished call changes nothing.
    expect(remote.handleReply({ callId: sent[0]!.callId, ok: true, result: 5 }, 7)).toBe('unknown-call');
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('turns page errors into local-storage failures (disk full kept apart)', async () => {
    const { remote, sent } = setup();
    const apply = remote.countPending();
    remote.handleReply({ callId: sent[0]!.callId, ok: false, error: { kind: 'quota', message: 'QuotaExceededError' } }, 7);
    expect(await failure(apply)).toBe('quota');
    const other = remote.countPending();
    remote.handleReply({ callId: sent[1]!.callId, ok: false, error: { kind: 'storage', message: 'DatabaseClosedError' } }, 7);
    expect(await failure(other)).toBe('storage');
  });

  it('fails at once without a page, on timeout, and when the page goes away mid-call', async () => {
    const timers = new ManualTimers();
    const remote = new RemoteReplica({ timers, newCallId: () => `call-${Math.random().toString(16).slice(2, 12)}`, timeoutMs: 1_000 });
    expect(await failure(remote.countPending())).toBe('no-page');

    const { page } = fakePage(3);
    remote.attach(page);
    const slow = remote.countPending();
    timers.advance(1_000);
    expect(await failure(slow)).toBe('timeout');

    const interrupted = remote.countPending();
    remote.detach(3);
    expect(await failure(interrupted)).toBe('page-gone');
    expect(remote.isAttached()).toBe(false);

    const { page: destroyed } = fakePage(4);
    destroyed.destroyed = true;
    remote.attach(destroyed);
    expect(await failure(remote.countPending())).toBe('no-page');
  });

  it('a reloaded page replaces the old one; the old page’s calls fail', async () => {
    const { remote } = setup();
    const old = remote.countPending();
    remote.attach(fakePage(9).page);
    expect(await failure(old)).toBe('page-gone');
  });
});

describe('RemoteReplica arguments', () => {
  it('cuts HQ’s long rejection reasons so the call still fits the contract', async () => {
    const { remote, sent } = setup();
    const recorded = remote.recordPushResults([{ opId: 'op-1', deviceSeq: 1, status: 'rejected', code: 'invalid', reason: 'r'.repeat(50_000) }]);
    const call = sent[0];
    expect(call?.method).toBe('recordPushResults');
    const args = call?.method === 'recordPushResults' ? call.args[0] : [];
    expect(args[0]?.status === 'rejected' ? args[0].reason.length : 0).toBe(2000);
    remote.handleReply({ callId: call!.callId, ok: true, result: null }, 7);
    await expect(recorded).resolves.toBeUndefined();
  });

  it('fails a call whose arguments break the contract without sending it', async () => {
    const { remote, page } = setup();
    const bad = remote.resetForNewEpoch('');
    expect(await failure(bad)).toBe('bad-answer');
    expect(page.send).not.toHaveBeenCalled();
  });
});

describe('RemoteReplica as the FileSource', () => {
  const SHA = 'c'.repeat(64);

  it('lists pending files, reads chunks as bytes and marks files uploaded, each as one checked call', async () => {
    const { remote, sent } = setup();
    const listed = remote.pendingFiles(50);
    expect(sent[0]).toEqual({ callId: 'call-0000-1', method: 'pendingFiles', args: [50] });
    remote.handleReply({ callId: 'call-0000-1', ok: true, result: [{ sha256: SHA, size: 10 }] }, 7);
    await expect(listed).resolves.toEqual([{ sha256: SHA, size: 10 }]);

    // The uploader's `after` key goes along, so a listing continues past files refused in this run.
    const next = remote.pendingFiles(50, SHA);
    expect(sent[1]).toEqual({ callId: 'call-0000-2', method: 'pendingFiles', args: [50, SHA] });
    remote.handleReply({ callId: 'call-0000-2', ok: true, result: [] }, 7);
    await expect(next).resolves.toEqual([]);

    const chunk = remote.readChunk(SHA, 4, 3);
    expect(sent[2]).toEqual({ callId: 'call-0000-3', method: 'readFileChunk', args: [SHA, 4, 3] });
    // What arrives from another process after a structured clone: a fresh Uint8Array.
    remote.handleReply({ callId: 'call-0000-3', ok: true, result: structuredClone(new Uint8Array([5, 6, 7])) }, 7);
    await expect(chunk).resolves.toEqual(new Uint8Array([5, 6, 7]));

    const marked = remote.markUploaded(SHA);
    expect(sent[3]).toEqual({ callId: 'call-0000-4', method: 'markFileUploaded', args: [SHA] });
    remote.handleReply({ callId: 'call-0000-4', ok: true, result: null }, 7);
    await expect(marked).resolves.toBeUndefined();
  });

  it('refuses answers that are not bytes, longer than asked, or more files than asked for', async () => {
    const { remote, sent } = setup();
    const answers: [Promise<unknown>, unknown][] = [
      [remote.readChunk(SHA, 0, 3), [1, 2, 3]],
      [remote.readChunk(SHA, 0, 3), 'AQID'],
      [remote.readChunk(SHA, 0, 3), new Uint8Array(4)],
      [remote.pendingFiles(1), [{ sha256: SHA, size: 1 }, { sha256: 'd'.repeat(64), size: 1 }]],
      [remote.pendingFiles(5), [{ sha256: SHA.toUpperCase(), size: 1 }]],
    ];
    answers.forEach(([, result], index) => remote.handleReply({ callId: sent[index]!.callId, ok: true, result }, 7));
    for (const [promise] of answers) expect(await failure(promise)).toBe('bad-answer');
  });

  it.each([
    ['an oversized length', 'c'.repeat(64), 0, 1024 * 1024 + 1],
    ['a negative offset', 'c'.repeat(64), -1, 10],
    ['a bad hash', '../etc/passwd', 0, 10],
  ])('never sends a read with %s', async (_label, sha256, offset, length) => {
    const { remote, page } = setup();
    expect(await failure(remote.readChunk(sha256, offset, length))).toBe('bad-answer');
    expect(await failure(remote.markUploaded('C'.repeat(64)))).toBe('bad-answer');
    expect(page.send).not.toHaveBeenCalled();
  });
});
