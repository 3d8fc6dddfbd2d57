// Runs scripts/web.ts as a real process: exit codes for bad input and missing build, printed URL, graceful stop on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TIMEOUT_MS = 30_000;

type Run = { code: number | null; stdout: string; stderr: string };

/** Starts the CLI; `onStdout` may send signals once the server is up. */
function runCli(args: string[], onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/web.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS - 5_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let site: string;
let empty: string;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'lantern-cli-site-'));
  empty = await mkdtemp(join(tmpdir(), 'lantern-cli-empty-'));
  await writeFile(join(site, 'index.html'), '<!doctype html><title>cli-test</title>');
});

afterAll(async () => {
  await rm(site, { recursive: true, force: true });
  await rm(empty, { recursive: true, force: true });
});

describe('npm run web (scripts/web.ts)', () => {
  it('exits 2 with a fix-it message for a bad port', async () => {
    const run = await runCli(['--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number from 1 to 65535 (got "eighty")');
    expect(run.stdout).toBe('');
  }, TIMEOUT_MS);

  it('exits 2 for a remote host without --allow-remote', async () => {
    const run = await runCli(['--host', '0.0.0.0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--allow-remote');
  }, TIMEOUT_MS);

  it('exits 1 and says how to build when there is no index.html', async () => {
    const run = await runCli(['--root', empty, '--port', String(await freePort())]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Build the app first: npx electron-vite build');
  }, TIMEOUT_MS);

  it('prints help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run web --');
  }, TIMEOUT_MS);

  it('prints the URL, serves the app and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    let served: number | undefined;
    const run = await runCli(['--root', site, '--port', String(port)], (stdout, kill) => {
      if (served !== undefined || !stdout.includes(`http://127.0.0.1:${port}/`)) return;
      served = 0;
      fetch(`http://127.0.0.1:${port}/incidents/1`)
        .then((response) => (served = response.status))
        .finally(() => kill('SIGTERM'));
    });
    expect(served).toBe(200);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stopped.');
  }, TIMEOUT_MS);

  it('does not start a server when imported', async () => {
    const web = await import('../../../scripts/web');
    const server = await import('../../../scripts/web/server');
    expect(web.startWebServer).toBe(server.startWebServer);
  });
});
