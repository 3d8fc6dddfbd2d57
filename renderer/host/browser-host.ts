// Host implementation for browser mode: plain web APIs, no bridge.
import { FILE_FETCH_MESSAGES } from '../../shared/sync/engine/file-fetch-messages';
import { HQ_PATHS, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/wire';
import { openLanternDb, type LanternDb } from '../db';
import { readMeta } from '../db/meta';
import { createBrowserNotifications } from './browser-notifications';
import { browserSyncUnavailable } from './browser-sync-unavailable';
import type { Host, HostFiles } from './host';
import { isOpenableUrl } from './external-url';

/** The words both hosts share, plus a refusal (Electron words that one with the sync engine's own message). */
export const BROWSER_FILE_MESSAGES = {
  ...FILE_FETCH_MESSAGES,
  refused: 'HQ refused this device, so the file was not fetched. Check Sync settings: the device may have to be enrolled again.',
} as const;

/** A photo of up to 100 MB over a slow link; a request silent for longer than this is given up. */
const FETCH_TIMEOUT_MS = 5 * 60_000;

/** `openDb` opens the page's database by its usual name: the Host is made apart from it, and the token lives there. */
export function createBrowserHost(win: Window = window, openDb: () => LanternDb = () => openLanternDb()): Host {
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
    files: createBrowserFiles(win, openDb),
  };
}

/** GETs a file's bytes from HQ with the device token browser-mode sync stored (Settings → Sync). */
function createBrowserFiles(win: Window, openDb: () => LanternDb): HostFiles {
  let db: LanternDb | undefined;
  return {
    async fetchFromHq(sha256) {
      db ??= openDb();
      const connection = await readMeta(db, 'syncConnection');
      if (!connection) throw new Error(BROWSER_FILE_MESSAGES.notConnected);
      const url = `${connection.hqUrl.replace(/\/+$/, '')}${HQ_PATHS.fileContent(sha256)}`;
      const headers = { Authorization: `Bearer ${connection.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
      let response: Response;
      try {
        // HQ never redirects: a redirect would carry the device token to another address.
        response = await win.fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch (error) {
        throw new Error(BROWSER_FILE_MESSAGES.offline, { cause: error });
      }
      if (response.status === 404) throw new Error(BROWSER_FILE_MESSAGES.notAtHq);
      if (response.status === 401 || response.status === 403) throw new Error(BROWSER_FILE_MESSAGES.refused);
      if (!response.ok) throw new Error(BROWSER_FILE_MESSAGES.failed);
      try {
        return await response.blob();
      } catch (error) {
        throw new Error(BROWSER_FILE_MESSAGES.offline, { cause: error });
      }
    },
  };
}
