// isSafeExternalUrl / openExternalSafely with hostile links: only plain http(s) may reach the OS.
import { describe, expect, it, vi } from 'vitest';
import { isSafeExternalUrl, openExternalSafely, toSafeExternalUrl } from '../../../../main/security/external-url';

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c#d', 'https://hq.example:8443/incidents/1', 'HTTPS://EXAMPLE.COM/', 'http://10.0.0.5/'])(
    'accepts %j',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'file:///etc/passwd',
    'file://host/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'mailto:a@example.com',
    'ftp://example.com/',
    'chrome://settings',
    'app://lantern/index.html',
    'about:blank',
    'https://',
    'https:example.com\\@evil',
    'http://',
    '//example.com',
    'example.com',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    ' https://example.com',
    'https://example.com ',
    'https://exa mple.com',
    'https://example.com/\u0000',
    'https://example.com/\u2028',
    '',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('rejects %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [null, undefined, 1, {}, [], ['https://example.com'], new URL('https://example.com')]) {
      expect(isSafeExternalUrl(value)).toBe(false);
    }
  });

  it('normalises what it returns', () => {
    expect(toSafeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });
});

describe('openExternalSafely', () => {
  it('opens safe links (normalised) and reports success', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalSafely(shell, 'https://Example.com/x')).resolves.toEqual({ opened: true });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/x');
  });

  it('never calls the shell for unsafe links, and does not echo them', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const hostile = `javascript:alert('${'x'.repeat(100)}')`;
    const result = await openExternalSafely(shell, hostile);
    expect(result.opened).toBe(false);
    expect(result.reason).toBeTruthy();
    expect(result.reason).not.toContain('javascript');
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('reports an OS failure instead of throwing', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    const result = await openExternalSafely(shell, 'https://example.com');
    expect(result).toEqual({ opened: false, reason: 'The system could not open the link.' });
  });
});
