// Registers the privileged app:// scheme and serves the renderer build through it.
import type { CustomScheme } from 'electron';
import { serveAppRequest, type AppRequestLike, type ServeAppOptions } from '../protocol/serve-app-request';
import { APP_SCHEME } from '../security/origin';

/**
 * standard + secure give app://lantern a real, secure origin (IndexedDB, localStorage, CSP 'self',
 * relative URLs); supportFetchAPI lets the page fetch its own assets; codeCache speeds start-up.
 * corsEnabled stays off on purpose: it would make our files readable from any origin, while
 * same-origin module scripts load fine without it. No service workers, no CSP bypass.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export interface SchemeRegistrarLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
}

export interface ProtocolHandlerLike {
  handle(scheme: string, handler: (request: AppRequestLike) => Promise<Response>): void;
}

/** Must run before `app` is ready: privileges cannot be granted afterwards. */
export function registerAppScheme(protocol: SchemeRegistrarLike): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

/** Call once the app is ready, on the session that loads the window (default session here). */
export function serveAppProtocol(protocol: ProtocolHandlerLike, options: ServeAppOptions): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, options));
}
