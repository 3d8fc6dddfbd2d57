// The CSP constant's directives and the header helper that applies it.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, withSecurityHeaders } from '../../../../main/security/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const parsed = directives(CONTENT_SECURITY_POLICY);

  it('is strict where it matters', () => {
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('style-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
    expect(parsed.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
    // The Electron page never talks to HQ itself (main does, with net.fetch): it may connect to its own files only.
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
  });

  it('never allows inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|\*/);
  });

  it('has no directive twice', () => {
    const names = CONTENT_SECURITY_POLICY.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('devContentSecurityPolicy', () => {
  it('relaxes only what the Vite dev server needs', () => {
    const parsed = directives(devContentSecurityPolicy('http://localhost:5173'));
    expect(parsed.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(parsed.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('withSecurityHeaders', () => {
  it('replaces existing CSP/nosniff headers whatever their case and keeps the rest', () => {
    const headers = withSecurityHeaders(
      { 'content-security-policy': ["default-src *"], 'X-CONTENT-TYPE-OPTIONS': ['sniff'], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
  });

  it('works without headers', () => {
    expect(withSecurityHeaders(undefined, 'x')['Content-Security-Policy']).toEqual(['x']);
  });
});
