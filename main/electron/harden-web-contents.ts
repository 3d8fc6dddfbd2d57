// Locks down one webContents: no navigation away, no new windows, no <webview>; http(s) popups go to the browser.
import { isNavigationAllowed } from '../security/navigation-policy';

/** The event object Electron passes to will-navigate / will-redirect / will-frame-navigate / will-attach-webview. */
export interface PreventableEventLike {
  readonly url?: string;
  preventDefault(): void;
}

export type GuardedEvent = 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview';

export interface WindowOpenDetailsLike {
  readonly url: string;
}

export interface GuardableWebContents {
  on(event: GuardedEvent, listener: (event: PreventableEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetailsLike) => { action: 'deny' }): void;
}

export interface WebContentsGuardOptions {
  readonly allowedOrigins: readonly string[];
  /** Opens http(s) links in the system browser; must apply the external-URL policy (openExternalSafely). */
  readonly openExternal: (url: string) => Promise<unknown>;
}

export function hardenWebContents(contents: GuardableWebContents, options: WebContentsGuardOptions): void {
  const blockForeignNavigation = (event: PreventableEventLike): void => {
    if (!isNavigationAllowed(event.url, options.allowedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  // Also covers sub-frames, which will-navigate does not report.
  contents.on('will-frame-navigate', blockForeignNavigation);
  // webviewTag is off already; this stops one being attached even if that ever changes.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.setWindowOpenHandler(({ url }) => {
    // The page never gets a second window; the link opens in the browser if the policy allows it.
    void options.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
