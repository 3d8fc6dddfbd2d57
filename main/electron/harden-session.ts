// Session-wide hardening: permission handlers (notifications only) and the CSP header on dev-server pages.
import { isAllowedOrigin } from '../security/origin';
import { isPermissionAllowed } from '../security/permission-policy';
import { withSecurityHeaders, type ResponseHeaders } from '../security/csp';

export interface PermissionRequestDetailsLike {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
}

export interface HeadersReceivedDetailsLike {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}

export interface HeadersReceivedResponseLike {
  responseHeaders?: ResponseHeaders;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetailsLike,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: PermissionRequestDetailsLike) => boolean,
  ): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetailsLike, callback: (response: HeadersReceivedResponseLike) => void) => void,
    ): void;
  };
}

export interface SessionGuardOptions {
  readonly allowedOrigins: readonly string[];
  /** Dev-server origin whose pages get `csp` injected (app:// responses carry it already); null in production. */
  readonly devOrigin: string | null;
  readonly csp: string;
}

export function hardenSession(session: HardenableSession, options: SessionGuardOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame },
        options.allowedOrigins,
      ),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed({ permission, requestingUrl: requestingOrigin, isMainFrame: details.isMainFrame }, options.allowedOrigins),
  );

  const { devOrigin } = options;
  if (devOrigin === null) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAllowedOrigin(details.url, [devOrigin])) {
      callback({});
      return;
    }
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, options.csp) });
  });
}
