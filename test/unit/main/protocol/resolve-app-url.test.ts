// resolveAppUrl: maps app://lantern URLs into the renderer folder and refuses every way out.
import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAppUrl } from '../../../../main/protocol/resolve-app-url';

const root = resolve('/srv/lantern/out/renderer');

function filePathOf(url: string): string {
  const result = resolveAppUrl(url, root);
  if (result.kind !== 'file') throw new Error(`expected a file for ${url}, got ${JSON.stringify(result)}`);
  return result.filePath;
}

describe('resolveAppUrl: normal requests', () => {
  it('maps assets to files under the root', () => {
    expect(filePathOf('app://lantern/assets/index-abc123.js')).toBe(join(root, 'assets', 'index-abc123.js'));
    expect(filePathOf('app://lantern/favicon.svg')).toBe(join(root, 'favicon.svg'));
    expect(filePathOf('app://lantern/assets/font%20file.woff2')).toBe(join(root, 'assets', 'font file.woff2'));
  });

  it('ignores query and hash', () => {
    expect(filePathOf('app://lantern/assets/app.css?v=2#x')).toBe(join(root, 'assets', 'app.css'));
  });

  it.each(['app://lantern', 'app://lantern/', 'app://lantern/index.html', 'app://lantern/incidents', 'app://lantern/incidents/42/timeline', 'app://lantern/settings/', 'app://LANTERN/incidents'])(
    'serves index.html for %j',
    (url) => {
      expect(filePathOf(url)).toBe(join(root, 'index.html'));
    },
  );

  it('flags the SPA fallback', () => {
    expect(resolveAppUrl('app://lantern/incidents', root)).toMatchObject({ kind: 'file', isSpaFallback: true });
    expect(resolveAppUrl('app://lantern/index.html', root)).toMatchObject({ kind: 'file', isSpaFallback: false });
  });
});

describe('resolveAppUrl: hostile requests', () => {
  it.each([
    'app://lantern/../../etc/passwd',
    'app://lantern/assets/../../../etc/passwd',
    'app://lantern/./index.html',
    'app://lantern/..',
    'app://lantern/%2e%2e/%2e%2e/etc/passwd',
    'app://lantern/%2E%2E/secret.txt',
    'app://lantern/.%2e/secret.txt',
    'app://lantern/%252e%252e/secret.txt',
    'app://lantern/assets%2f..%2f..%2fsecret.txt',
    'app://lantern/assets%2F..%2Fsecret.txt',
    'app://lantern/..\\..\\windows\\win.ini',
    'app://lantern/assets\\..\\..\\secret.txt',
    'app://lantern/%5c..%5csecret.txt',
    'app://lantern/index.html%00.png',
    'app://lantern/index.html\u0000.png',
    'app://lantern//etc/passwd',
    'app://lantern/C:/Windows/win.ini',
    'app://lantern/c:%5cwindows%5cwin.ini',
    'app://lantern/assets/file.js:stream',
    'app://lantern/.env',
    'app://lantern/.git/config',
    'app://lantern/assets/%E0%A4%A',
  ])('refuses %j', (url) => {
    expect(resolveAppUrl(url, root).kind).toBe('rejected');
  });

  it.each([
    'app://other/index.html',
    'app://lantern.evil/index.html',
    'app://evil.lantern/index.html',
    'app://lantern:8080/index.html',
    'app://user@lantern/index.html',
    'app://user:pw@lantern/index.html',
    'https://lantern/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    '',
    'app:/index.html',
    `app://lantern/${'a'.repeat(10_000)}.js`,
  ])('refuses foreign or malformed URL %j', (url) => {
    expect(resolveAppUrl(url, root).kind).toBe('rejected');
  });

  it('never resolves outside the root, whatever the path (property test)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '\\', '', 'assets', 'index.html', 'a.js', '%00', '~', 'C:', '%252e'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const result = resolveAppUrl(`app://lantern/${segments.join('/')}`, root);
        if (result.kind === 'rejected') return;
        const fromRoot = relative(root, result.filePath);
        expect(fromRoot.startsWith('..')).toBe(false);
        expect(result.filePath.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
