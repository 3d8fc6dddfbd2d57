// serveAppRequest against a real temporary renderer folder: files, SPA fallback, 404s and headers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../../main/protocol/content-types';
import { serveAppRequest } from '../../../../main/protocol/serve-app-request';
import { CONTENT_SECURITY_POLICY } from '../../../../main/security/csp';

let parent: string;
let rootDir: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'lantern-protocol-'));
  rootDir = join(parent, 'renderer');
  await mkdir(join(rootDir, 'assets'), { recursive: true });
  await writeFile(join(rootDir, 'index.html'), '<!doctype html><title>Lantern</title>');
  await writeFile(join(rootDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(rootDir, 'assets', 'index-abc.css'), 'body{}');
  // A file next to the root that traversal would reach.
  await writeFile(join(parent, 'secret.txt'), 'TOP SECRET');
});

afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, { rootDir });

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('serveAppRequest', () => {
  it('serves index.html with the CSP and the right type', async () => {
    const response = await get('app://lantern/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toContain('<title>Lantern</title>');
  });

  it('serves scripts and styles with their content types', async () => {
    const script = await get('app://lantern/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const style = await get('app://lantern/assets/index-abc.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client-side routes', async () => {
    const response = await get('app://lantern/incidents/42');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lantern</title>');
  });

  it('answers 404 for a missing asset instead of the SPA page', async () => {
    const response = await get('app://lantern/assets/missing.js');
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('answers 404 when an asset path is a folder', async () => {
    await mkdir(join(rootDir, 'folder.js'), { recursive: true });
    expect((await get('app://lantern/folder.js')).status).toBe(404);
  });

  it.each(['app://lantern/../secret.txt', 'app://lantern/%2e%2e/secret.txt', 'app://lantern/..%2fsecret.txt', 'app://lantern/..\\secret.txt', 'app://other/index.html'])(
    'never serves outside the root: %j',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('TOP SECRET');
      expectSecurityHeaders(response);
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://lantern/index.html', 'POST')).status).toBe(405);
    const head = await get('app://lantern/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 (not the file) on an unexpected read error', async () => {
    const response = await serveAppRequest(
      { url: 'app://lantern/index.html', method: 'GET' },
      { rootDir, readFile: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) },
    );
    expect(response.status).toBe(500);
  });
});

describe('contentTypeFor', () => {
  it('knows the build output types and defaults to octet-stream', () => {
    expect(contentTypeFor('/x/a.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});
