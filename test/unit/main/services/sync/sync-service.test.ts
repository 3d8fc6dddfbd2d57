// SyncService against a fake HQ: connect, token storage, triggers, one run at a time, backoff, revocation, disconnect.
import { describe, expect, it } from 'vitest';
import { CONNECT_MESSAGES } from '../../../../../main/services/sync/connect-errors';
import { DEVICE_TOKEN_SECRET, SYNC_SERVICE_MESSAGES } from '../../../../../main/services/sync/sync-service';
import { recordIncident } from '../../../../../shared/domain';
import { CONNECT_FAILURE_MESSAGES, CONNECT_OUTCOME, INITIAL_SYNC_STATUS, revokedAtConnect, revokedMessage } from '../../../../../shared/sync/engine';
import { PROTOCOL_MESSAGES } from '../../../../../shared/sync/wire';
import { MemoryReplica } from '../../../shared/sync/support/memory-replica';
import { SimDevice, World } from '../../../shared/sync/support/sim-device';
import { connectInput, GOOD_CODE, harness, HQ_URL, memoryFile, type Harness } from './support';

function create(h: Harness, title: string): void {
  const counter = h.replica.outboxEntries().length + 1;
  h.replica.commit((ctx) => recordIncident({ title }, counter, 'K7QM', ctx));
}

async function connected(options: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  const h = harness(options);
  await h.service.start();
  const result = await h.service.connect(connectInput());
  expect(result.ok).toBe(true);
  await h.service.whenIdle();
  return h;
}

const runs = (h: Harness) => h.statuses.filter((s) => s.state === 'syncing' && s.progress === null).length;

describe('connect', () => {
  it('enrolls, keeps the token encrypted, saves the settings without it, then syncs', async () => {
    const h = harness();
    create(h, 'Pump 3 leaking');
    await h.service.start();
    const result = await h.service.connect(connectInput({ hqUrl: 'HTTPS://HQ.example.org/', deviceName: '  Laptop 7 ' }));
    expect(result).toEqual({ ok: true, connection: { hqUrl: HQ_URL, deviceName: 'Laptop 7', connectedAt: h.timers.nowMs } });
    await h.service.whenIdle();

    const token = await h.secrets.get(DEVICE_TOKEN_SECRET);
    expect(token).toMatch(/^token-dev-a-/);
    expect(h.secretFile.contents).not.toContain(token);
    expect(h.settingsFile.contents).toContain('"deviceId": "dev-a"');
    expect(h.settingsFile.contents).not.toContain(token);
    expect(h.hq.incidents.size).toBe(1);
    expect(h.statuses.map((s) => s.state)).toContain('syncing');
    expect(h.service.status()).toMatchObject({ state: 'up-to-date', pending: 0, lastError: null });
    expect(h.service.connectionInfo()).toEqual({ hqUrl: HQ_URL, deviceName: 'Laptop 7', connectedAt: expect.any(Number) });
  });

  it('refuses a used or wrong code in plain words and saves nothing', async () => {
    const h = harness();
    await h.service.start();
    expect((await h.service.connect(connectInput())).ok).toBe(true);
    const again = await h.service.connect(connectInput({ enrollmentCode: GOOD_CODE }));
    // Connected by the first code: a failed connect leaves that connection as it was, and says so.
    expect(again).toEqual({ ok: false, message: `${CONNECT_FAILURE_MESSAGES.codeRefused()} ${CONNECT_OUTCOME.unchanged}` });
  });

  it.each([
    ['javascript:alert(1)', /https:\/\//],
    ['file:///etc/passwd', /https:\/\//],
    ['ftp://hq.example.org', /Only https/],
    ['https://admin:secret@hq.example.org', /user name or password/],
    ['https://hq.example.org/?next=evil', /"\?" or "#"/],
    [`https://hq.example.org/${'a'.repeat(3000)}`, /too long/],
  ])('refuses the address %s before any request', async (hqUrl, message) => {
    const h = harness();
    await h.service.start();
    const result = await h.service.connect(connectInput({ hqUrl }));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
    expect(h.fetch).not.toHaveBeenCalled();
    expect(h.settingsFile.contents).toBeNull();
  });

  it('says HQ is unreachable, or that its certificate is not trusted, and never promises a sync that will not happen', async () => {
    const h = harness();
    await h.service.start();
    h.faults.offline = true;
    const unreachable = await h.service.connect(connectInput());
    expect(unreachable).toEqual({
      ok: false,
      message: `Could not reach HQ at ${HQ_URL}. Check the address, or try again when this computer has a connection. This device is not connected yet.`,
    });
    expect(unreachable.ok ? '' : unreachable.message).not.toMatch(/syncs when|try again later|will try/);
    const tls = harness({ fetch: async () => Promise.reject(new Error('net::ERR_CERT_AUTHORITY_INVALID')) });
    await tls.service.start();
    expect(await tls.service.connect(connectInput())).toEqual({ ok: false, message: `${CONNECT_FAILURE_MESSAGES.tls(HQ_URL)} ${CONNECT_OUTCOME.notConnected}` });
  });

  it('says a server name was not found (Electron’s net.fetch names a failed DNS lookup)', async () => {
    const h = harness({ fetch: async () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED')) });
    await h.service.start();
    const result = await h.service.connect(connectInput());
    expect(result).toEqual({ ok: false, message: `${CONNECT_FAILURE_MESSAGES.nameNotFound(HQ_URL, 'hq.example.org')} ${CONNECT_OUTCOME.notConnected}` });
    expect(result.ok ? '' : result.message).toMatch(/^The server name hq\.example\.org was not found/);
  });

  it('says an address that answers but is not an HQ is not one, without promising a retry', async () => {
    const h = harness({ fetch: async () => ({ status: 404, headers: { get: () => null }, text: async () => '<html>Not found</html>' }) });
    await h.service.start();
    const result = await h.service.connect(connectInput());
    expect(result).toEqual({
      ok: false,
      message: `${HQ_URL} answered, but not as a Lantern HQ. Check the address (and port) with your HQ administrator. This device is not connected yet.`,
    });
    expect(h.settingsFile.contents).toBeNull();
  });

  it('tells a revoked device that an ordinary code cannot connect it, and which id needs a re-enrollment code', async () => {
    // HQ's answer to an ordinary code on a revoked id (server/routes/enroll.ts): 403 device-revoked, the code not used up.
    const h = harness({
      fetch: async () => ({ status: 403, headers: { get: () => null }, text: async () => JSON.stringify({ error: 'device-revoked', message: 'HQ has revoked access.' }) }),
    });
    await h.service.start();
    const result = await h.service.connect(connectInput());
    expect(result).toEqual({ ok: false, message: revokedAtConnect('dev-a') });
    expect(result.ok ? '' : result.message).toMatch(/re-enrollment code for device dev-a/);
  });

  it('explains a protocol mismatch both ways (426)', async () => {
    const answer426 = (error: string) => async () => ({
      status: 426,
      headers: { get: () => null },
      text: async () => JSON.stringify({ error, message: 'x', supported: { min: 2, max: 3 } }),
    });
    for (const [code, message] of [
      ['client-newer', PROTOCOL_MESSAGES['client-newer']],
      ['client-outdated', PROTOCOL_MESSAGES['client-outdated']],
    ] as const) {
      const h = harness({ fetch: answer426(code) });
      await h.service.start();
      expect(await h.service.connect(connectInput())).toEqual({ ok: false, message });
    }
  });

  it('warns when the token only gets the Linux plain-text fallback', async () => {
    const h = harness({ backend: 'basic_text' });
    await h.service.start();
    const result = await h.service.connect(connectInput());
    expect(result).toMatchObject({ ok: true, warning: SYNC_SERVICE_MESSAGES.plainText });
  });
});

describe('triggers', () => {
  it('sync now pushes local edits and pulls other devices’ edits', async () => {
    const h = await connected();
    const other = new SimDevice('dev-b', h.hq, new World(h.timers.nowMs));
    other.create('Generator B failed');
    await other.sync();
    create(h, 'Door 4 jammed');
    expect(h.service.syncNow()).toEqual({ started: true });
    await h.service.whenIdle();
    expect(h.hq.incidents.size).toBe(2);
    expect(h.replica.incidentStates().size).toBe(2);
    expect(h.service.status().state).toBe('up-to-date');
  });

  it('shows offline, then syncs when the connection comes back', async () => {
    const h = await connected();
    h.online.set(false);
    expect(h.service.status().state).toBe('offline');
    create(h, 'Offline edit');
    h.timers.advance(10 * 60_000); // the interval run waits while offline
    await h.service.whenIdle();
    expect(h.hq.incidents.size).toBe(0);
    h.online.set(true);
    await h.service.whenIdle();
    expect(h.hq.incidents.size).toBe(1);
    expect(h.service.status().state).toBe('up-to-date');
  });

  it('syncs on resume from sleep and on the interval', async () => {
    const h = await connected();
    const before = runs(h);
    h.power.resume();
    await h.service.whenIdle();
    expect(runs(h)).toBe(before + 1);
    h.timers.advance(5 * 60_000);
    await h.service.whenIdle();
    expect(runs(h)).toBe(before + 2);
  });

  it('runs one sync at a time: many requests during a run give exactly one follow-up', async () => {
    const h = await connected();
    const before = runs(h);
    h.service.syncNow();
    h.service.syncNow();
    h.service.syncNow();
    h.power.resume();
    await h.service.whenIdle();
    expect(runs(h)).toBe(before + 2);
  });

  it('backs off after HQ failures and retries on its own', async () => {
    const h = await connected();
    h.faults.refuse = () => ({ status: 503, body: JSON.stringify({ error: 'unavailable', message: 'down' }) });
    h.service.syncNow();
    await h.service.whenIdle();
    const failing = h.service.status();
    expect(failing).toMatchObject({ state: 'failing', lastError: { kind: 'server-error' } });
    expect(failing.nextAttemptAt).toBeGreaterThan(h.timers.nowMs);
    delete h.faults.refuse;
    h.timers.advance((failing.nextAttemptAt ?? 0) - h.timers.nowMs);
    await h.service.whenIdle();
    expect(h.service.status()).toMatchObject({ state: 'up-to-date', lastError: null });
  });

  it('waits for the page’s replica before the first automatic sync', async () => {
    let ready = false;
    const h = harness({ replicaReady: () => ready });
    await h.service.start();
    await h.service.connect(connectInput());
    await h.service.whenIdle();
    expect(runs(h)).toBe(0);
    ready = true;
    h.service.replicaAvailable();
    await h.service.whenIdle();
    expect(runs(h)).toBe(1);
  });
});

describe('revocation and disconnect', () => {
  it('a revoked device stops retrying, says why and keeps its data', async () => {
    const h = await connected();
    h.hq.revoke('dev-a');
    create(h, 'Written after revocation');
    h.service.syncNow();
    await h.service.whenIdle();
    expect(h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'revoked', message: revokedMessage('dev-a') }, nextAttemptAt: null });
    const requests = h.fetch.mock.calls.length;
    h.timers.advance(24 * 60 * 60_000);
    h.online.set(false);
    h.online.set(true);
    await h.service.whenIdle();
    // Reconnect counts as the host asking: one attempt, refused again; timers never retry on their own.
    h.timers.advance(24 * 60 * 60_000);
    await h.service.whenIdle();
    expect(h.fetch.mock.calls.length).toBeLessThanOrEqual(requests + 1);
    expect(h.replica.outboxEntries().filter((e) => e.state === 'pending')).toHaveLength(1);
    expect(await h.secrets.get(DEVICE_TOKEN_SECRET)).not.toBeNull();
  });

  it('disconnect forgets the token and the HQ link but keeps local data', async () => {
    const h = await connected();
    create(h, 'Kept locally');
    await h.service.disconnect();
    expect(await h.secrets.get(DEVICE_TOKEN_SECRET)).toBeNull();
    expect(h.service.connectionInfo()).toBeNull();
    expect(h.service.status()).toEqual(INITIAL_SYNC_STATUS);
    expect(h.service.syncNow()).toEqual({ started: false, message: SYNC_SERVICE_MESSAGES.notConnected });
    expect(h.replica.outboxEntries()).toHaveLength(1);
    h.timers.advance(60 * 60_000);
    await h.service.whenIdle();
    expect(h.hq.incidents.size).toBe(0);
  });
});

describe('restart', () => {
  it('restores the saved connection and token and syncs', async () => {
    const first = await connected();
    first.service.stop();
    // The same HQ and local database: reuse the first harness's fetch and replica.
    const restarted = harness({ settingsFile: first.settingsFile, secretFile: first.secretFile, fetch: first.fetch, replica: first.replica });
    await restarted.service.start();
    await restarted.service.whenIdle();
    expect(restarted.service.connectionInfo()).toMatchObject({ hqUrl: HQ_URL, deviceName: 'Laptop 7' });
    expect(restarted.service.status().state).toBe('up-to-date');
    expect(restarted.statuses.some((s) => s.state === 'syncing')).toBe(true);
  });

  it('connecting again when the settings cannot be saved keeps the working connection and its token', async () => {
    const h = await connected();
    const token = await h.secrets.get(DEVICE_TOKEN_SECRET);
    expect(token).not.toBeNull();
    h.codes.add('ZZ9P-2X9P-HT4C-M8WB');
    h.settingsFile.write.mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    const again = await h.service.connect(connectInput({ enrollmentCode: 'ZZ9P-2X9P-HT4C-M8WB' }));
    expect(again.ok).toBe(false);
    // "Nothing was changed" must be true: the old token still works, now and after a restart.
    expect(await h.secrets.get(DEVICE_TOKEN_SECRET)).toBe(token);
    create(h, 'After the failed reconnect');
    expect(h.service.syncNow()).toEqual({ started: true });
    await h.service.whenIdle();
    expect(h.service.status().state).toBe('up-to-date');
    h.service.stop();
    const restarted = harness({ settingsFile: h.settingsFile, secretFile: h.secretFile, fetch: h.fetch, replica: h.replica });
    await restarted.service.start();
    await restarted.service.whenIdle();
    expect(restarted.service.status().state).toBe('up-to-date');
  });

  it('says so when the token can no longer be read', async () => {
    const first = await connected();
    first.service.stop();
    first.secretFile.contents = null;
    const h = harness({ settingsFile: first.settingsFile });
    await h.service.start();
    expect(h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'unauthorized', message: SYNC_SERVICE_MESSAGES.tokenLost } });
    expect(h.service.syncNow()).toEqual({ started: false, message: SYNC_SERVICE_MESSAGES.tokenLost });
  });
});

describe('an unreadable secrets file', () => {
  const UNREADABLE = '{"version":1,"entries":{"sync-device-token":"ZW5jOjc0NmY2YjY1'; // cut short
  const NEW_CODE = 'ZZ9P-2X9P-HT4C-M8WB';

  /** A connected device restarted with its secrets file damaged; HQ has a new code for it. */
  async function connectedThenCorrupted() {
    const first = await connected();
    first.service.stop();
    const secretFile = memoryFile(UNREADABLE);
    const h = harness({ settingsFile: first.settingsFile, secretFile, fetch: first.fetch, replica: first.replica });
    // The fetch is the first harness's, so its HQ is the one that must know the new code.
    first.codes.add(NEW_CODE);
    await h.service.start();
    return h;
  }

  it('says what happened and what to do (a new enrollment code), not that the keyring changed', async () => {
    const h = await connectedThenCorrupted();
    expect(h.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'unauthorized', message: SYNC_SERVICE_MESSAGES.keyFileUnreadable } });
    expect(SYNC_SERVICE_MESSAGES.keyFileUnreadable).toMatch(/new enrollment code/);
    expect(h.service.syncNow()).toEqual({ started: false, message: SYNC_SERVICE_MESSAGES.keyFileUnreadable });
  });

  it('connecting again with a new code works, and the old file is kept aside for support', async () => {
    const h = await connectedThenCorrupted();
    const result = await h.service.connect(connectInput({ enrollmentCode: NEW_CODE }));
    expect(result.ok ? 'ok' : result.message).not.toBe(CONNECT_MESSAGES.tokenStorage);
    expect(result.ok).toBe(true);
    expect(await h.secrets.get(DEVICE_TOKEN_SECRET)).toMatch(/^token-dev-a-/);
    expect([...h.secretFile.asideFiles.entries()]).toEqual([[expect.stringMatching(/^unreadable-\d{4}-\d\d-\d\dT[\d-]+Z$/), UNREADABLE]]);
    await h.service.whenIdle();
    expect(h.service.status().state).toBe('up-to-date');
  });

  it('disconnect still forgets the HQ link', async () => {
    const h = await connectedThenCorrupted();
    await expect(h.service.disconnect()).resolves.toBeUndefined();
    expect(h.settingsFile.contents).toContain('"connection": null');
    expect(h.service.connectionInfo()).toBeNull();
  });

  it('disconnect forgets the HQ link even when the key cannot be deleted, and says so in plain words', async () => {
    const h = await connected();
    h.secretFile.write.mockRejectedValueOnce(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }));
    await expect(h.service.disconnect()).rejects.toThrow(SYNC_SERVICE_MESSAGES.keyNotDeleted);
    expect(h.settingsFile.contents).toContain('"connection": null');
    expect(h.service.connectionInfo()).toBeNull();
  });
});

describe('device identity', () => {
  it('pushes nothing when the local database now carries another device id, and says why', async () => {
    const h = await connected();
    const other = new MemoryReplica('dev-new', () => h.timers.nowMs);
    other.commit((ctx) => recordIncident({ title: 'After a reset' }, 1, 'K7QM', ctx));
    const restarted = harness({ settingsFile: h.settingsFile, secretFile: h.secretFile, fetch: h.fetch, replica: other });
    await restarted.service.start();
    await restarted.service.whenIdle();
    expect(restarted.service.status()).toMatchObject({ state: 'failing', lastError: { kind: 'local-storage', message: expect.stringMatching(/created anew/) } });
    expect(h.hq.incidents.size).toBe(0);
    expect(other.outboxEntries()[0]?.state).toBe('pending');
  });

  it('sync now says so while the page’s database is not attached yet', async () => {
    const h = harness({ replicaReady: () => false });
    await h.service.start();
    await h.service.connect(connectInput());
    expect(h.service.syncNow()).toEqual({ started: false, message: SYNC_SERVICE_MESSAGES.pageNotReady });
  });
});
