// Main's sync service reaching a page's replica through the real IPC path: handlers, sender scope, page responder.
import { describe, expect, it } from 'vitest';
import { createReplicaResponder } from '../../../../../renderer/host/electron-replica-responder';
import { recordIncident } from '../../../../../shared/domain';
import type { LocalReplica } from '../../../../../shared/sync/engine';
import { topFrame } from '../../fakes';
import { openPage, wireSyncMain } from './page-over-ipc';
import { connectInput } from './support';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';

async function setup() {
  const { ipc, remote, h } = wireSyncMain();
  await h.service.start();
  return { ipc, remote, h };
}

const settle = async (h: { service: { whenIdle(): Promise<void> } }) => {
  for (let i = 0; i < 5; i++) {
    await h.service.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

describe('sync through the page’s replica', () => {
  it('connects and syncs the page’s database; a closed page fails the run without crashing, a new page resumes it', async () => {
    const { ipc, remote, h } = await setup();
    const db = new MemoryReplica('dev-a', () => h.timers.nowMs);
    db.commit((ctx) => recordIncident({ title: 'Pump 3 leaking' }, 1, 'K7QM', ctx));
    const first = openPage(ipc, 1);
    createReplicaResponder(first.bridge, db);
    await settle(h);
    expect(remote.isAttached()).toBe(true);

    await expect(ipc.invoke('sync:connect', Object.assign({ senderFrame: topFrame('app://lantern/index.html') }, { sender: first.contents }), connectInput())).resolves.toMatchObject({ ok: true });
    await settle(h);
    expect(h.hq.incidents.size).toBe(1);
    expect(db.outboxEntries()[0]?.state).toBe('acknowledged');
    expect(h.service.status().state).toBe('up-to-date');

    // The window closes: the next run fails as local storage, and the service keeps going.
    remote.detach(1);
    db.commit((ctx) => recordIncident({ title: 'Door 4 jammed' }, 2, 'K7QM', ctx));
    h.service.syncNow();
    await settle(h);
    expect(h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'local-storage', message: expect.stringMatching(/window/) } });

    // A new page attaches: the service syncs again at once.
    const second = openPage(ipc, 2);
    createReplicaResponder(second.bridge, db);
    await settle(h);
    expect(h.hq.incidents.size).toBe(2);
    expect(h.service.status().state).toBe('up-to-date');
  });

  it('a database error in the page becomes a plain local-storage failure, never a stack trace', async () => {
    const { ipc, h } = await setup();
    const db = new MemoryReplica('dev-a', () => h.timers.nowMs);
    const broken: LocalReplica = {
      ...db,
      pendingOps: db.pendingOps.bind(db),
      recordPushResults: db.recordPushResults.bind(db),
      getCursor: db.getCursor.bind(db),
      applyPulledPage: async () => {
        const error = new Error('QuotaExceededError\n    at IDBTransaction (secret/path.js:1:1)');
        error.name = 'AbortError';
        Object.assign(error, { inner: { name: 'QuotaExceededError' } });
        throw error;
      },
      resetForNewEpoch: db.resetForNewEpoch.bind(db),
      countPending: db.countPending.bind(db),
    };
    const page = openPage(ipc, 1);
    createReplicaResponder(page.bridge, broken);
    await settle(h);
    await h.service.connect(connectInput());
    await settle(h);
    const status = h.service.status();
    expect(status).toMatchObject({ state: 'failing', lastError: { kind: 'local-storage', message: expect.stringMatching(/disk is full/) } });
    expect(JSON.stringify(status)).not.toContain('secret/path.js');
    expect(status.nextAttemptAt).not.toBeNull();
  });
});
