// The command line changes a store only when it should: a failed start stores no token; enroll/new-epoch never create a store.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { runHqCli, startHqProcess } from './support/hq-process';
import { dropSchema, PG_URL } from './support/store-factories';

const TOKEN_A = 'first-admin-token-0123456789';
const TOKEN_B = 'second-admin-token-0123456789';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-safety-'));
  dirs.push(dir);
  return dir;
}

async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

async function adminStatus(url: string, token: string): Promise<number> {
  return (await fetch(`${url}/v1/admin/devices`, { headers: { Authorization: `Bearer ${token}`, 'Lantern-Protocol': String(PROTOCOL_VERSION) } })).status;
}

describe('a start that fails changes nothing', () => {
  it('port in use on a fresh folder: no token printed, no database left; the corrected start prints the token', { timeout: 60_000 }, async () => {
    const dir = join(tempDir(), 'hq');
    const { port, server } = await busyPort();
    const failed = await runHqCli(['--data', dir, '--port', String(port)]);
    server.close();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/port is already in use/);
    expect(failed.stdout).not.toMatch(/Admin token/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    const hq = await startHqProcess(['--data', dir]);
    const token = /Admin token[^\n]*\n\s+(\S+)/.exec(hq.output())?.[1];
    expect(token).toBeDefined();
    expect(await adminStatus(hq.url, token!)).toBe(200);
    hq.child.kill('SIGTERM');
    await hq.exited();
  });

  it('port in use with --admin-token-file on an existing store: the stored token stays the one in force', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const first = await startHqProcess(['--data', dir, '--admin-token', TOKEN_A]);
    first.child.kill('SIGTERM');
    await first.exited();

    const file = join(tempDir(), 'token');
    writeFileSync(file, TOKEN_B, { mode: 0o600 });
    const { port, server } = await busyPort();
    const failed = await runHqCli(['--data', dir, '--port', String(port), '--admin-token-file', file]);
    server.close();
    expect(failed.code).toBe(1);

    const again = await startHqProcess(['--data', dir]);
    expect(again.output()).not.toMatch(/Admin token/);
    expect(await adminStatus(again.url, TOKEN_A)).toBe(200);
    expect(await adminStatus(again.url, TOKEN_B)).toBe(401);
    again.child.kill('SIGTERM');
    await again.exited();
  });
});

describe('enroll and new-epoch open an existing store only', () => {
  it('a mistyped --data: exit 2, a message that says what to check, nothing created', { timeout: 60_000 }, async () => {
    const dir = join(tempDir(), 'typo');
    for (const args of [
      ['enroll', '--data', dir, '--name', 'Laptop 7'],
      ['new-epoch', '--data', dir],
    ]) {
      const result = await runHqCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/No HQ database at .*typo.*check --data/);
      expect(result.stdout).not.toMatch(/Enrollment code|New epoch/);
      expect(existsSync(dir)).toBe(false);
    }
    // An empty folder that exists is not a store either.
    const empty = tempDir();
    expect((await runHqCli(['enroll', '--data', empty, '--name', 'Laptop 7'])).code).toBe(2);
    expect(readdirSync(empty)).toEqual([]);
  });

  afterAll(async () => {
    // Only if the refusal ever regressed and created it: this test's own schema, never another.
    if (PG_URL) await dropSchema(PG_URL, `lantern_missing_${process.pid}`);
  });

  it.runIf(PG_URL)('PostgreSQL: a missing schema, or no HQ tables on the search_path, is refused and nothing is created', { timeout: 60_000 }, async () => {
    const url = PG_URL!;
    const schema = `lantern_missing_${process.pid}`;
    const missing = await runHqCli(['enroll', '--database', url, '--database-schema', schema, '--name', 'Laptop 7']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No HQ database at .*check --database/);
    // Without --database-schema the role's search_path applies (here a schema that does not exist).
    const searchPath = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const noTables = await runHqCli(['new-epoch', '--database', searchPath]);
    expect(noTables.code).toBe(2);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      expect(found.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
