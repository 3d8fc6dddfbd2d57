// Runs HQ as its own process (`npm run hq`'s entry, server/cli.ts) so load generators do not share its event loop; admin-API enrollment.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newToken } from '../../../server/auth/secrets';
import { enrollmentResponseSchema, enrollResponseSchema, HQ_PATHS, PROTOCOL_VERSION } from '../../../shared/sync/wire';
import { newBenchSchema } from './pg-bench-schema';

const REPO = resolve(import.meta.dirname, '../../..');
const STARTUP_MS = 60_000;

export interface HqProcess {
  url: string;
  /** Admin issues a code (POST /v1/admin/enrollments), the device redeems it (POST /v1/enroll); returns the device token. */
  enroll(deviceId: string): Promise<string>;
  /** Operation and incident counts from HQ's status page (GET / with the admin token). */
  counts(): Promise<{ operations: number; incidents: number }>;
  /** CPU time (user + system, ms) the HQ process has used so far; NaN where /proc is missing (not Linux). */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
async function processCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Lantern-Protocol': String(PROTOCOL_VERSION), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

export async function startHqProcess(kind: 'sqlite' | 'postgres'): Promise<HqProcess> {
  const adminToken = newToken();
  let cleanup: () => Promise<void>;
  let storeArgs: string[];
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'lantern-bench-hqp-'));
    storeArgs = ['--data', dir];
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else {
    const { url, schema, drop } = newBenchSchema();
    storeArgs = ['--database', url, '--database-schema', schema];
    cleanup = drop;
  }
  // LANTERN_BENCH_HQ_NODE_ARGS adds Node flags to HQ's process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/hq-prof" to profile it.
  const nodeArgs = (process.env.LANTERN_BENCH_HQ_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/cli.ts', '--port', '0', '--admin-token', adminToken, ...storeArgs], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`HQ did not start within ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`HQ exited before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await cleanup();
    throw error;
  });
  return {
    url,
    async enroll(deviceId) {
      const { code } = enrollmentResponseSchema.parse(await postJson(`${url}${HQ_PATHS.enrollments}`, { name: `Bench ${deviceId}` }, adminToken));
      const enrolled = enrollResponseSchema.parse(await postJson(`${url}${HQ_PATHS.enroll}`, { code, deviceId, deviceName: `Bench ${deviceId}`, protocolVersion: PROTOCOL_VERSION }));
      return enrolled.deviceToken;
    },
    async counts() {
      // The counts are on the status page for the admin only (without the token it only says HQ is running).
      const response = await fetch(`${url}/`, { headers: { Authorization: `Bearer ${adminToken}` } });
      if (!response.ok) throw new Error(`HQ's status page answered ${response.status} to the admin token`);
      const text = await response.text();
      const read = (label: string) => Number(new RegExp(`^${label}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
      return { operations: read('operations'), incidents: read('incidents') };
    },
    cpuMs: () => processCpuMs(child.pid),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await cleanup();
    },
  };
}
