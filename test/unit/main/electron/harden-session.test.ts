// hardenSession with a fake session: notification-only permissions and CSP injection for dev pages.
import { describe, expect, it, vi } from 'vitest';
import {
  hardenSession,
  type HardenableSession,
  type HeadersReceivedDetailsLike,
  type HeadersReceivedResponseLike,
  type PermissionRequestDetailsLike,
} from '../../../../main/electron/harden-session';
import { CONTENT_SECURITY_POLICY } from '../../../../main/security/csp';
import { APP_ORIGIN } from '../../../../main/security/origin';

type RequestHandler = Parameters<HardenableSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<HardenableSession['setPermissionCheckHandler']>[0];
type HeadersListener = (details: HeadersReceivedDetailsLike, callback: (response: HeadersReceivedResponseLike) => void) => void;

class FakeSession implements HardenableSession {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }

  request(permission: string, details: PermissionRequestDetailsLike): boolean {
    const callback = vi.fn();
    this.requestHandler?.({}, permission, callback, details);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]?.[0] as boolean;
  }

  check(permission: string, origin: string, details: PermissionRequestDetailsLike): boolean {
    if (!this.checkHandler) throw new Error('no check handler');
    return this.checkHandler({}, permission, origin, details);
  }

  headers(url: string, responseHeaders?: Record<string, string[]>): HeadersReceivedResponseLike {
    const callback = vi.fn();
    this.headersListener?.({ url, responseHeaders }, callback);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]?.[0] as HeadersReceivedResponseLike;
  }
}

const production = { allowedOrigins: [APP_ORIGIN], devOrigin: null, csp: CONTENT_SECURITY_POLICY };
const app = { requestingUrl: 'app://lantern/index.html', isMainFrame: true };

describe('permission request handler', () => {
  it('grants notifications to the app page', () => {
    const session = new FakeSession();
    hardenSession(session, production);
    expect(session.request('notifications', app)).toBe(true);
  });

  it.each(['camera', 'media', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'fileSystem', 'midiSysex', 'unknown'])(
    'denies %s',
    (permission) => {
      const session = new FakeSession();
      hardenSession(session, production);
      expect(session.request(permission, app)).toBe(false);
    },
  );

  it('denies notifications to foreign origins and sub-frames', () => {
    const session = new FakeSession();
    hardenSession(session, production);
    expect(session.request('notifications', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(session.request('notifications', { requestingUrl: 'app://lantern.evil/', isMainFrame: true })).toBe(false);
    expect(session.request('notifications', { requestingUrl: 'app://lantern/', isMainFrame: false })).toBe(false);
    expect(session.request('notifications', {})).toBe(false);
  });
});

describe('permission check handler', () => {
  it('answers like the request handler', () => {
    const session = new FakeSession();
    hardenSession(session, production);
    expect(session.check('notifications', 'app://lantern', { isMainFrame: true })).toBe(true);
    expect(session.check('camera', 'app://lantern', { isMainFrame: true })).toBe(false);
    expect(session.check('notifications', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(session.check('notifications', 'file://', { isMainFrame: true })).toBe(false);
    expect(session.check('notifications', 'app://lantern', { isMainFrame: false })).toBe(false);
  });
});

describe('CSP on dev-server responses', () => {
  it('is not installed in production (app:// responses carry their own header)', () => {
    const session = new FakeSession();
    hardenSession(session, production);
    expect(session.headersListener).toBeNull();
  });

  it('replaces the CSP of dev-server pages and leaves other responses alone', () => {
    const session = new FakeSession();
    hardenSession(session, { allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'], devOrigin: 'http://localhost:5173', csp: 'dev-policy' });
    const dev = session.headers('http://localhost:5173/', { 'Content-Security-Policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(dev.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ['dev-policy'],
      'X-Content-Type-Options': ['nosniff'],
    });
    expect(session.headers('https://hq.example/api/sync', { 'Content-Type': ['application/json'] })).toEqual({});
    expect(session.headers('http://localhost:5173.evil.example/', {})).toEqual({});
  });
});
