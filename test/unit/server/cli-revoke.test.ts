// `npm run hq -- revoke`: after a restore, revocations are redone on the stopped store before HQ starts; bad input changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHqArgs, USAGE } from '../../../server/cli/args';
import { openPostgresStore } from '../../../server/store/postgres/postgres-store';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store';
import type { HqStore } from '../../../server/store/types';
import { runHqCli } from './support/hq-process';
import { dropSchema, PG_URL } from './support/store-factories';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-revoke-'));
  dirs.push(dir);
  return dir;
}

async function enrollDirectly(store: HqStore, id: string, name: string, now: number): Promise<void> {
  await store.createEnrollment({ codeHash: `code-${id}`, name, createdAt: now, expiresAt: now + 3_600_000, forDeviceId: null });
  expect(await store.redeemEnrollment({ codeHash: `code-${id}`, deviceId: id, deviceName: name, tokenHash: `token-${id}`, now })).toBe('enrolled');
}

async function revokedAt(open: () => Promise<HqStore>, id: string): Promise<number | null | undefined> {
  const store = await open();
  try {
    return (await store.device(id))?.revokedAt;
  } finally {
    await store.close();
  }
}

describe('revoke arguments', () => {
  it('needs --device; the usage text names the command', () => {
    const missing = parseHqArgs(['revoke', '--data', '/srv/hq']);
    expect(missing).toMatchObject({ kind: 'error', message: expect.stringMatching(/^revoke needs --device ID/) as unknown });
    expect(parseHqArgs(['revoke', '--data', '/srv/hq', '--device', 'laptop-7'])).toEqual({ kind: 'revoke', store: { kind: 'sqlite', dataDir: '/srv/hq' }, deviceId: 'laptop-7' });
    expect(parseHqArgs(['revoke', '--data', '/srv/hq', '--device', 'laptop-7', '--name', 'X'])).toMatchObject({ kind: 'error' });
    expect(USAGE).toMatch(/npm run hq -- revoke --data DIR --device ID/);
  });
});

const locations: { name: string; args: () => string[]; open: () => Promise<HqStore>; cleanup?: () => Promise<void> }[] = [];
{
  const dir = join(tempDir(), 'hq');
  locations.push({ name: 'sqlite', args: () => ['--data', dir], open: () => Promise.resolve(openSqliteStore(dir)) });
}
if (PG_URL) {
  const url = PG_URL;
  const schema = `lantern_revoke_${process.pid}`;
  locations.push({
    name: 'postgres',
    args: () => ['--database', url, '--database-schema', schema],
    open: () => openPostgresStore({ url, schema }),
    cleanup: () => dropSchema(url, schema),
  });
}

describe.each(locations)('revoke on a stopped store ($name)', (location) => {
  afterAll(async () => {
    await location.cleanup?.();
  });

  it('revokes the device in the store, says so; an unknown id is exit 2 with nothing changed; a second revoke keeps the first time', { timeout: 60_000 }, async () => {
    const store = await location.open();
    const t = Date.parse('2026-05-01T10:00:00.000Z');
    await enrollDirectly(store, 'laptop-7', 'Laptop 7', t);
    await enrollDirectly(store, 'laptop-9', 'Laptop 9', t);
    await store.close();

    const epoch = await runHqCli(['new-epoch', ...location.args()]);
    expect(epoch.code).toBe(0);
    expect(epoch.stdout).toMatch(/Revoke it again now, before HQ starts: npm run hq -- revoke --(data|database) \S+.* --device ID/);
    expect(epoch.stdout).not.toMatch(/curl/);
    expect(epoch.stdout).toMatch(/enrolled after the backup.*code for a new device/);

    const unknown = await runHqCli(['revoke', ...location.args(), '--device', 'laptop-41']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no device with the id "laptop-41".*nothing was changed/);
    expect(await revokedAt(location.open, 'laptop-41')).toBeUndefined();

    const done = await runHqCli(['revoke', ...location.args(), '--device', 'laptop-7']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Device laptop-7 \("Laptop 7"\) is revoked \(since \d{4}-\d\d-\d\dT.*re-enrollment code/);
    const first = await revokedAt(location.open, 'laptop-7');
    expect(first).toEqual(expect.any(Number));
    expect(await revokedAt(location.open, 'laptop-9')).toBeNull();

    const again = await runHqCli(['revoke', ...location.args(), '--device', 'laptop-7']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/was already revoked \(since /);
    expect(await revokedAt(location.open, 'laptop-7')).toBe(first);
  });

  it('a store that is not there: exit 2, nothing created', { timeout: 30_000 }, async () => {
    if (location.name !== 'sqlite') return;
    const dir = join(tempDir(), 'typo');
    const result = await runHqCli(['revoke', '--data', dir, '--device', 'laptop-7']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No HQ database at .*check --data/);
  });
});
