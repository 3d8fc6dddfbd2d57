// After a restore: new-epoch lists every device with when it was revoked and last seen, so revocations since the backup can be redone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HqStore } from '../../../server/store/types';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store';
import { runHqCli } from './support/hq-process';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function enrollDirectly(store: HqStore, id: string, name: string, now: number): Promise<void> {
  await store.createEnrollment({ codeHash: `code-${id}`, name, createdAt: now, expiresAt: now + 3_600_000, forDeviceId: null });
  expect(await store.redeemEnrollment({ codeHash: `code-${id}`, deviceId: id, deviceName: name, tokenHash: `token-${id}`, now })).toBe('enrolled');
}

describe('new-epoch after a restore', () => {
  it('prints each device with its revocation and last-seen times and says what to check', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-restore-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    const t = Date.parse('2026-05-01T10:00:00.000Z');
    await enrollDirectly(store, 'laptop-7', 'Laptop 7', t);
    await enrollDirectly(store, 'laptop-9', 'Laptop 9', t);
    await store.touchDevice('laptop-7', t + 60_000);
    await store.revokeDevice('laptop-9', t + 120_000);
    await store.close();

    const result = await runHqCli(['new-epoch', '--data', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/New epoch/);
    expect(result.stdout).toMatch(/laptop-7\s+"Laptop 7"\s+active\s+last seen 2026-05-01T10:01:00\.000Z/);
    expect(result.stdout).toMatch(/laptop-9\s+"Laptop 9"\s+revoked 2026-05-01T10:02:00\.000Z\s+last seen never/);
    expect(result.stdout).toMatch(/revoked after the backup was taken.*revoke/is);
  });
});
