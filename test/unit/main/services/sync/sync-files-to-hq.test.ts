// Main's sync service uploads the page's attachments to a real in-process HQ through the IPC contract, after the operations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplicaResponder } from '../../../../../renderer/host/electron-replica-responder';
import { recordIncident } from '../../../../../shared/domain';
import { FILE_UPLOAD_MESSAGES, type FetchLike, type LocalReplica, type SyncStatus } from '../../../../../shared/sync/engine';
import { enrollmentResponseSchema, HQ_PATHS, missingFilesResponseSchema } from '../../../../../shared/sync/wire';
import { STORE_FACTORIES } from '../../../server/support/store-factories';
import { TestHq } from '../../../server/support/test-hq';
import { fileBytes, MemoryFileSource } from '../../../shared/sync/support/memory-files';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';
import { openPage, wireSyncMain } from './page-over-ipc';
import { connectInput } from './support';

const KIB = 1024;

let hq: TestHq;
beforeAll(async () => {
  hq = await TestHq.start(STORE_FACTORIES.find((factory) => factory.name === 'sqlite')!);
}, 30_000);
afterAll(async () => {
  await hq?.close();
});

interface Put {
  sha256: string;
  offset: number;
}

/**
 * Node's fetch to the real HQ; `cutPut` drops the connection once at that PUT (1-based); `breakPulls` answers every
 * pull after the first push with something this device cannot read (as a page of a newer Lantern would be).
 */
function fetchToHq(cutPut: number | null, breakPulls = false) {
  const puts: Put[] = [];
  let seen = 0;
  let pushed = false;
  const fetchLike: FetchLike<AbortSignal> = async (url, init) => {
    if (url.includes(HQ_PATHS.push)) pushed = true;
    if (breakPulls && pushed && url.includes(HQ_PATHS.pull)) return { status: 200, headers: new Headers(), text: async () => '{"page":"from the future"}' };
    if (init.method === 'PUT') {
      seen += 1;
      if (seen === cutPut) throw new TypeError('fetch failed: connection reset');
      const parsed = new URL(url);
      puts.push({ sha256: parsed.pathname.split('/').pop()!, offset: Number(parsed.searchParams.get('offset')) });
    }
    const response = await fetch(url, init as RequestInit);
    return { status: response.status, headers: response.headers, text: () => response.text() };
  };
  return { fetchLike, puts };
}

let deviceCounter = 0;

/** A device with one incident whose operation refers to `bytes` (as the capture form records it). */
async function device(bytes: Uint8Array, options: { cutPut?: number; breakPulls?: boolean } = {}) {
  const deviceId = `laptop-${++deviceCounter}`;
  const network = fetchToHq(options.cutPut ?? null, options.breakPulls);
  const { ipc, h } = wireSyncMain({ files: true, fetch: network.fetchLike as FetchLike<unknown> });

  // The page's database: incidents and outbox (memory replica) and the attachments (memory file source).
  const db = new MemoryReplica(deviceId, () => Date.now());
  const files = new MemoryFileSource();
  const sha256 = await files.attach(bytes, 'incident-1');
  const created = db.commit((ctx) => recordIncident({ title: 'Broken window, photo attached' }, 1, 'K7QM', ctx))!;
  const attachment = { sha256, name: 'window.jpg', type: 'image/jpeg', size: bytes.byteLength };
  const withFiles: LocalReplica = {
    ...bindAll(db),
    pendingOps: async (limit) => (await db.pendingOps(limit)).map((op) => (op.opId === created.opId ? { ...op, attachments: [attachment] } : op)),
  };
  const page = openPage(ipc, 1);
  createReplicaResponder(page.bridge, withFiles, { files });

  await h.service.start();
  const issued = await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name: deviceId } });
  const { code } = enrollmentResponseSchema.parse(issued.json);
  return { h, files, sha256, puts: network.puts, connect: () => h.service.connect(connectInput({ hqUrl: hq.url, enrollmentCode: code, deviceId })) };
}

function bindAll(db: MemoryReplica): LocalReplica {
  return {
    pendingOps: db.pendingOps.bind(db),
    recordPushResults: db.recordPushResults.bind(db),
    getCursor: db.getCursor.bind(db),
    applyPulledPage: db.applyPulledPage.bind(db),
    resetForNewEpoch: db.resetForNewEpoch.bind(db),
    countPending: db.countPending.bind(db),
  };
}

/** Lets the IPC round trips (microtasks, real HTTP) finish. */
async function settle(h: { service: { whenIdle(): Promise<void> } }): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await h.service.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const missingAtHq = async () => missingFilesResponseSchema.parse((await hq.request('/v1/admin/files/missing', { token: hq.adminToken })).json).files;
const contentAtHq = async (sha256: string) => {
  const chunks = await hq.store.fileContent(sha256);
  return chunks ? Buffer.concat(chunks) : null;
};
const fileProgress = (statuses: readonly SyncStatus[]) => statuses.flatMap((s) => (s.progress?.phase === 'files' ? [s.progress] : []));

describe('main’s sync service uploads attachments to HQ', { timeout: 30_000 }, () => {
  it('after the operations: HQ verifies the bytes, the page marks the file uploaded, progress says file n of m', async () => {
    const bytes = fileBytes(1200 * KIB, 11);
    const d = await device(bytes);
    expect(await d.connect()).toMatchObject({ ok: true });
    await settle(d.h);

    expect(d.h.service.status()).toMatchObject({ state: 'up-to-date', lastError: null });
    expect((await contentAtHq(d.sha256))?.equals(bytes)).toBe(true);
    expect((await missingAtHq()).filter((f) => f.sha256 === d.sha256)).toEqual([]);
    expect(d.files.uploaded(d.sha256)).toBe(true);
    expect(d.puts.map((p) => p.offset)).toEqual([0, 512 * KIB, 1024 * KIB]);
    expect(fileProgress(d.h.statuses)).toEqual([
      { phase: 'files', done: 0, total: 1 },
      { phase: 'files', done: 1, total: 1 },
    ]);

    // The next run has nothing to send.
    d.h.service.syncNow();
    await settle(d.h);
    expect(d.puts).toHaveLength(3);
  });

  it('an interrupted upload fails the run in plain words, and the next run resumes at HQ’s offset', async () => {
    const bytes = fileBytes(1200 * KIB, 12);
    const d = await device(bytes, { cutPut: 2 });
    await d.connect();
    await settle(d.h);

    expect(d.h.service.status()).toMatchObject({ state: 'offline', lastError: { kind: 'offline', message: expect.stringMatching(/cannot be reached/) } });
    expect(d.files.uploaded(d.sha256)).toBe(false);
    expect((await missingAtHq()).find((f) => f.sha256 === d.sha256)).toMatchObject({ received: 512 * KIB });

    d.h.service.syncNow();
    await settle(d.h);
    expect(d.h.service.status()).toMatchObject({ state: 'up-to-date', lastError: null });
    expect(d.puts.map((p) => p.offset)).toEqual([0, 512 * KIB, 1024 * KIB]);
    expect((await contentAtHq(d.sha256))?.equals(bytes)).toBe(true);
    expect(d.files.uploaded(d.sha256)).toBe(true);
  });

  it('still sends the files when the operations went but the pull failed, and reports the pull failure', async () => {
    const bytes = fileBytes(600 * KIB, 14);
    const d = await device(bytes, { breakPulls: true });
    await d.connect();
    await settle(d.h);

    expect(d.h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'bad-response' } });
    expect((await contentAtHq(d.sha256))?.equals(bytes)).toBe(true);
    expect(d.files.uploaded(d.sha256)).toBe(true);
  });

  it('a damaged local file fails the sync with the reason; the operations still reached HQ', async () => {
    const bytes = fileBytes(4 * KIB, 13);
    const d = await device(bytes);
    bytes[10] = bytes[10]! ^ 0xff;
    await d.connect();
    await settle(d.h);

    expect(d.h.service.status()).toMatchObject({ state: 'failing', pending: null, lastError: { kind: 'local-storage', message: FILE_UPLOAD_MESSAGES.hashMismatch } });
    expect(d.h.service.status().nextAttemptAt).not.toBeNull();
    expect(d.files.uploaded(d.sha256)).toBe(false);
    expect((await missingAtHq()).find((f) => f.sha256 === d.sha256)).toMatchObject({ received: 0 });
  });
});
