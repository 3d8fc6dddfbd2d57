// hardenWebContents with a fake webContents: navigation, redirects, popups and <webview> are all stopped.
import { describe, expect, it, vi } from 'vitest';
import {
  hardenWebContents,
  type GuardableWebContents,
  type GuardedEvent,
  type PreventableEventLike,
  type WindowOpenDetailsLike,
} from '../../../../main/electron/harden-web-contents';
import { openExternalSafely } from '../../../../main/security/external-url';
import { APP_ORIGIN } from '../../../../main/security/origin';

class FakeWebContents implements GuardableWebContents {
  readonly listeners = new Map<GuardedEvent, ((event: PreventableEventLike) => void)[]>();
  windowOpenHandler: ((details: WindowOpenDetailsLike) => { action: 'deny' }) | null = null;

  on(event: GuardedEvent, listener: (event: PreventableEventLike) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: WindowOpenDetailsLike) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits like Electron and reports whether anyone called preventDefault. */
  emit(event: GuardedEvent, url?: string): boolean {
    const preventDefault = vi.fn();
    for (const listener of this.listeners.get(event) ?? []) listener({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  }

  open(url: string): { action: string } {
    if (!this.windowOpenHandler) throw new Error('no window open handler');
    return this.windowOpenHandler({ url });
  }
}

function setup(allowedOrigins: readonly string[] = [APP_ORIGIN]) {
  const contents = new FakeWebContents();
  const shell = { openExternal: vi.fn(async () => undefined) };
  hardenWebContents(contents, { allowedOrigins, openExternal: (url) => openExternalSafely(shell, url) });
  return { contents, shell };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s: allows our own origin', (event) => {
    const { contents } = setup();
    expect(contents.emit(event, 'app://lantern/index.html#/incidents')).toBe(false);
    expect(contents.emit(event, 'app://lantern/settings')).toBe(false);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s: blocks everything else, opening nothing', async (event) => {
    const { contents, shell } = setup();
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://other/',
      'app://lantern.evil/',
      'javascript:alert(1)',
      'data:text/html,<h1>phish</h1>',
      'about:blank',
      '',
      undefined,
    ]) {
      expect(contents.emit(event, url)).toBe(true);
    }
    await flush();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('allows the dev server only when listed', () => {
    expect(setup().contents.emit('will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(setup([APP_ORIGIN, 'http://localhost:5173']).contents.emit('will-navigate', 'http://localhost:5173/x')).toBe(false);
  });

  it('prevents every <webview> attach', () => {
    const { contents } = setup();
    expect(contents.emit('will-attach-webview', 'app://lantern/index.html')).toBe(true);
    expect(contents.emit('will-attach-webview')).toBe(true);
  });
});

describe('window.open', () => {
  it('denies and hands https links to the system browser', async () => {
    const { contents, shell } = setup();
    expect(contents.open('https://example.com/docs')).toEqual({ action: 'deny' });
    await flush();
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'app://lantern/index.html', 'about:blank', 'smb://evil/share', 'https://user:pw@example.com/', ''])(
    'denies %j and opens nothing',
    async (url) => {
      const { contents, shell } = setup();
      expect(contents.open(url)).toEqual({ action: 'deny' });
      await flush();
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('still denies when opening the browser fails', async () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, { allowedOrigins: [APP_ORIGIN], openExternal: () => Promise.reject(new Error('boom')) });
    expect(contents.open('https://example.com')).toEqual({ action: 'deny' });
    await flush();
  });
});
