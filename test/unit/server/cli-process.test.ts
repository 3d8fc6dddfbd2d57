// The real HQ process: killed with SIGKILL in the middle of pushes and restarted on the same data, nothing is lost or doubled.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../../shared/sync/operation';
import { enrollmentResponseSchema, enrollResponseSchema, PROTOCOL_VERSION, pullResponseSchema, pushResponseSchema } from '../../../shared/sync/wire';
import { runHqCli, startHqProcess, type HqProcess } from './support/hq-process';
import { announcePostgresSkip, dropSchema, PG_SKIP_REASON, PG_URL } from './support/store-factories';
import { TestDevice } from './support/test-device';

announcePostgresSkip();

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-hq-cli-'));
  dirs.push(dir);
  return dir;
}

async function call(hq: HqProcess, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${hq.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Lantern-Protocol': String(PROTOCOL_VERSION), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function pullAll(hq: HqProcess, token: string) {
  const ops: { serverSeq: number; op: Operation }[] = [];
  let cursor = '';
  for (let page = 0; page < 1000; page++) {
    const reply = pullResponseSchema.parse(await (await call(hq, `/v1/sync/pull?limit=200&cursor=${cursor}`, token)).json());
    ops.push(...reply.ops);
    cursor = reply.cursor;
    if (!reply.hasMore) return ops;
  }
  throw new Error('too many pages');
}

const locations: { name: string; args: () => string[]; cleanup?: () => Promise<void> }[] = [{ name: 'sqlite', args: () => ['--data', tempDir()] }];
if (PG_URL) {
  const url = PG_URL;
  const schema = `lantern_cli_${process.pid}`;
  locations.push({ name: 'postgres', args: () => ['--database', url, '--database-schema', schema], cleanup: () => dropSchema(url, schema) });
}

describe.each(locations)('HQ process ($name)', (location) => {
  afterAll(async () => {
    await location.cleanup?.();
  });

  it('SIGKILL mid-push, restart on the same data: every operation exactly once, resends answered duplicate', { timeout: 90_000 }, async () => {
    const storeArgs = location.args();
    let hq = await startHqProcess([...storeArgs, '--admin-token', ADMIN_TOKEN]);
    const { code } = enrollmentResponseSchema.parse(await (await call(hq, '/v1/admin/enrollments', ADMIN_TOKEN, { name: 'Laptop 7' })).json());
    const enrolled = await fetch(`${hq.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Lantern-Protocol': '1' },
      body: JSON.stringify({ code, deviceId: 'laptop-7', deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION }),
    });
    const token = enrollResponseSchema.parse(await enrolled.json()).deviceToken;

    const device = new TestDevice('laptop-7');
    const create = device.create('Generator B failed');
    const ops = [create, ...Array.from({ length: 899 }, (_, i) => device.note(create.incidentId, `Reading ${i}`))];
    const batches = Array.from({ length: 3 }, (_, i) => ops.slice(i * 300, (i + 1) * 300));
    const acknowledged = new Set<string>();
    const push = async (batch: Operation[]) => {
      const reply = pushResponseSchema.parse(await (await call(hq, '/v1/sync/push', token, { protocolVersion: PROTOCOL_VERSION, deviceId: 'laptop-7', ops: batch })).json());
      for (const result of reply.results) if (result.status === 'applied' || result.status === 'duplicate') acknowledged.add(result.opId!);
      return reply;
    };

    const restart = async () => {
      hq.child.kill('SIGKILL');
      expect((await hq.exited()).signal).toBe('SIGKILL');
      hq = await startHqProcess(storeArgs);
      expect(hq.output()).not.toMatch(/Admin token/); // kept from the first start (only its hash is stored)
    };
    await push(batches[0]!);

    // HQ commits batch 2 but dies before the device reads the answer (SYNC.md fault 1).
    const lostAnswer = push(batches[1]!).catch((error: unknown) => error);
    for (let i = 0; i < 200 && (await pullAll(hq, token)).length < 600; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await restart();
    await lostAnswer;
    const resentAfterCommit = (await push(batches[1]!)).results;
    expect(resentAfterCommit.map((r) => r.status)).toEqual(batches[1]!.map(() => 'duplicate'));

    // HQ dies while batch 3 is on its way or being stored: it is either all there or not at all.
    const cutOff = push(batches[2]!).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 15));
    await restart();
    await cutOff;
    const held = (await pullAll(hq, token)).length;
    expect([600, 900]).toContain(held);

    // The device resends everything (as after a crash of its own): nothing is applied twice.
    const resent = [];
    for (const batch of batches) resent.push(...(await push(batch)).results);
    expect(resent.filter((r) => r.status !== 'applied' && r.status !== 'duplicate')).toEqual([]);
    expect(resent.slice(0, 600).every((r) => r.status === 'duplicate')).toBe(true);
    expect(resent.filter((r) => r.status === 'applied')).toHaveLength(900 - held);

    const pulled = await pullAll(hq, token);
    expect(pulled.map((o) => o.serverSeq)).toEqual(ops.map((_, i) => i + 1));
    expect(pulled.map((o) => o.op.opId)).toEqual(ops.map((op) => op.opId));
    expect(acknowledged.size).toBe(ops.length);

    hq.child.kill('SIGTERM');
    expect(await hq.exited()).toEqual({ code: 0, signal: null });
    expect(hq.output()).toMatch(/Lantern HQ stopped/);
  });
});

describe('HQ command line', () => {
  it('first start generates and prints an admin token once; enroll prints a code; bad flags exit 2 with a message', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const first = await startHqProcess(['--data', dir]);
    const token = /Admin token[^\n]*\n\s+(\S+)/.exec(first.output())?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const devices = await call(first, '/v1/admin/devices', token!);
    expect(devices.status).toBe(200);
    first.child.kill('SIGTERM');
    await first.exited();

    const enroll = await runHqCli(['enroll', '--data', dir, '--name', 'Laptop 7']);
    expect(enroll.code).toBe(0);
    expect(enroll.stdout).toMatch(/Enrollment code for "Laptop 7"[^\n]*\n\s+[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);

    const bad = await runHqCli(['--port', 'abc', '--data', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a whole number/);
    const noData = await runHqCli(['--port', '8080']);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toMatch(/--data DIR/);
  });
});

describe('HQ command line: secrets and early checks', () => {
  it('a bad --host exits 2 before a store is created or an admin token is printed; --admin-token-file works; enroll --device needs a known device', { timeout: 60_000 }, async () => {
    const dir = join(tempDir(), 'not-yet');
    const badHost = await runHqCli(['--data', dir, '--host', 'not a host!!']);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toMatch(/--host must be an IP address or a host name/);
    expect(badHost.stdout).not.toMatch(/Admin token/);
    expect(existsSync(dir)).toBe(false);

    const tokenFile = join(tempDir(), 'admin-token');
    writeFileSync(tokenFile, `${ADMIN_TOKEN}\n`, { mode: 0o600 });
    const hq = await startHqProcess(['--data', dir, '--admin-token-file', tokenFile]);
    expect(hq.output()).not.toMatch(/Admin token/);
    const issued = await call(hq, '/v1/admin/enrollments', ADMIN_TOKEN, { name: 'Laptop 7' });
    const { code } = enrollmentResponseSchema.parse(await issued.json());
    const enrolled = await fetch(`${hq.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Lantern-Protocol': String(PROTOCOL_VERSION) },
      body: JSON.stringify({ code, deviceId: 'laptop-7', deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION }),
    });
    expect(enrolled.status).toBe(200);
    hq.child.kill('SIGTERM');
    await hq.exited();

    const unknown = await runHqCli(['enroll', '--data', dir, '--name', 'X', '--device', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no device with the id "nobody"/);
    const again = await runHqCli(['enroll', '--data', dir, '--name', 'Laptop 7', '--device', 'laptop-7']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/re-enrolling device laptop-7/);
  });
});

if (!PG_URL) describe.skip(`HQ process (postgres): ${PG_SKIP_REASON}`, () => it('runs with LANTERN_TEST_PG_URL', () => undefined));
