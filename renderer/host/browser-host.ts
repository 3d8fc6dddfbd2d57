// Host implementation for browser mode: plain web APIs, no bridge.
import { createBrowserNotifications } from './browser-notifications';
import { browserSyncUnavailable } from './browser-sync-unavailable';
import type { Host } from './host';
import { isOpenableUrl } from './external-url';

export function createBrowserHost(win: Window = window): Host {
  return {
    kind: 'browser',
    appInfo: () => Promise.resolve({ name: 'Lantern', version: import.meta.env.VITE_APP_VERSION ?? 'dev', platform: 'browser' }),
    openExternal: (url) => {
      if (!isOpenableUrl(url)) return Promise.resolve(false);
      // noopener: the opened page gets no handle back into Lantern.
      const opened = win.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve(opened !== null);
    },
    // In a browser nothing outside the page asks us to navigate (notifications arrive in a later issue).
    onNavigate: () => () => undefined,
    sync: browserSyncUnavailable,
    notifications: createBrowserNotifications(win),
  };
}
