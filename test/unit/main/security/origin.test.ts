// originOf / isAllowedOrigin against look-alike and malformed origins.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAllowedOrigin, originOf } from '../../../../main/security/origin';

describe('originOf', () => {
  it('builds scheme://host[:port] even for the custom app scheme', () => {
    expect(APP_ORIGIN).toBe('app://lantern');
    expect(originOf('app://lantern/index.html#/incidents/1')).toBe('app://lantern');
    expect(originOf('APP://LANTERN/x')).toBe('app://lantern');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('https://example.com:443/a')).toBe('https://example.com');
  });

  it.each([
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'javascript:alert(1)',
    'app://lantern@evil.example/',
    'app://user:pw@lantern/',
    'not a url',
    '',
    `app://lantern/${'a'.repeat(10_000)}`,
  ])('returns null for %j', (url) => {
    expect(originOf(url)).toBeNull();
  });

  it('returns null for non-strings', () => {
    for (const value of [null, undefined, 42, {}, ['app://lantern'], { toString: () => 'app://lantern' }]) {
      expect(originOf(value)).toBeNull();
    }
  });
});

describe('isAllowedOrigin', () => {
  const allowed = [APP_ORIGIN];
  it('accepts the app origin', () => {
    expect(isAllowedOrigin('app://lantern/index.html', allowed)).toBe(true);
  });
  it.each([
    'app://lantern.evil/',
    'app://lantern.evil.example/',
    'app://evil.lantern/',
    'app://other/',
    'app://lantern:8080/',
    'https://lantern/',
    'https://evil.example/',
    'http://app//lantern',
    'file://lantern/',
    'lantern://app/',
  ])('rejects look-alike %j', (url) => {
    expect(isAllowedOrigin(url, allowed)).toBe(false);
  });
});
