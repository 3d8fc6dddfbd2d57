// Starts the browser-mode server on an ephemeral port over a temp folder and checks headers, SPA fallback, 404s and traversal.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingBuildError, startWebServer, type RunningWebServer } from '../../../scripts/web/server';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/web/security-headers';

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** node:http sends the path exactly as given (fetch would normalise away `..`). */
function raw(port: number, path: string, init: { method?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', agent: false, headers: { host: init.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const INDEX_MARKER = 'lantern-test-index';
const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';
let tempDir: string;
let site: string;
let server: RunningWebServer;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'lantern-web-'));
  site = join(tempDir, 'renderer');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), `<!doctype html><title>${INDEX_MARKER}</title>`);
  await writeFile(join(site, 'assets', 'app-abc123.js'), 'console.log("app");');
  await writeFile(join(site, '.env'), SECRET);
  await writeFile(join(tempDir, 'package.json'), JSON.stringify({ secret: SECRET }));
  server = await startWebServer({ root: site, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(tempDir, { recursive: true, force: true });
});

function expectSecurityHeaders(response: RawResponse): void {
  expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('startWebServer', () => {
  it('binds 127.0.0.1 on a real port and reports it', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html at / with strict headers and no-cache', async () => {
    const response = await raw(server.port, '/');
    expect(response.status).toBe(200);
    expect(response.body).toContain(INDEX_MARKER);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('uses a CSP with no inline script, no eval and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it.each(['/incidents', '/incidents/INC-1.2', '/settings/sync/', '/dashboard?range=7d'])('falls back to index.html for app route %s', async (path) => {
    const response = await raw(server.port, path);
    expect(response.status).toBe(200);
    expect(response.body).toContain(INDEX_MARKER);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('answers HEAD for app routes without a body', async () => {
    const response = await raw(server.port, '/incidents/7', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await raw(server.port, '/assets/app-abc123.js');
    expect(response.status).toBe(200);
    expect(response.body).toContain('console.log');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response);
  });

  it.each(['/assets/missing.js', '/favicon.ico', '/.env'])('returns 404, not the app, for missing asset %s', async (path) => {
    const response = await raw(server.port, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(INDEX_MARKER);
    expect(response.body).not.toContain(SECRET);
    expect(response.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(response);
  });

  it('does not fall back to index.html for other methods', async () => {
    expect((await raw(server.port, '/incidents', { method: 'POST' })).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/../../package.json',
    '/..%5cpackage.json',
    '/..',
    '/%2e%2e',
    '/index.html%00.js',
  ])('refuses traversal attempt %s', async (path) => {
    const response = await raw(server.port, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain(INDEX_MARKER);
    expectSecurityHeaders(response);
  });

  it('rejects a malformed percent-escape as a bad request', async () => {
    const response = await raw(server.port, '/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.body).not.toContain(INDEX_MARKER);
    expectSecurityHeaders(response);
  });

  it('rejects requests for a foreign Host (DNS rebinding) but accepts localhost', async () => {
    const foreign = await raw(server.port, '/', { host: `evil.example:${server.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain(INDEX_MARKER);
    expect((await raw(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('startWebServer refuses to start', () => {
  it('when the renderer has not been built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'lantern-web-empty-'));
    try {
      const attempt = startWebServer({ root: empty, port: 0 });
      await expect(attempt).rejects.toBeInstanceOf(MissingBuildError);
      await expect(attempt).rejects.toThrow('Build the app first: npx electron-vite build');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('on a non-loopback host unless allowRemote is set', async () => {
    await expect(startWebServer({ root: site, port: 0, host: '0.0.0.0' })).rejects.toThrow(/non-loopback/);
  });

  it('and stops listening after close()', async () => {
    const other = await startWebServer({ root: site, port: 0 });
    expect((await raw(other.port, '/')).status).toBe(200);
    await other.close();
    await expect(raw(other.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
