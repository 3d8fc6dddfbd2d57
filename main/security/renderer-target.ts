// Decides which URL the window loads and which origins count as "ours": the app scheme, plus the dev server in dev.
import { APP_ORIGIN, APP_START_URL, originOf } from './origin';

export interface RendererTarget {
  readonly startUrl: string;
  readonly allowedOrigins: readonly string[];
  /** Origin of the electron-vite dev server, when the app runs from it. */
  readonly devOrigin: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `devServerUrl` is `process.env.ELECTRON_RENDERER_URL`. It is honoured only in an unpackaged app and
 * only for an http(s) loopback address, so an environment variable can never point a shipped app
 * (or its IPC trust) at a remote page.
 */
export function resolveRendererTarget(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererTarget {
  const production: RendererTarget = { startUrl: APP_START_URL, allowedOrigins: [APP_ORIGIN], devOrigin: null };
  if (options.isPackaged || options.devServerUrl === undefined) return production;
  const devOrigin = originOf(options.devServerUrl);
  if (devOrigin === null) return production;
  const { protocol, hostname } = new URL(options.devServerUrl);
  if ((protocol !== 'http:' && protocol !== 'https:') || !LOOPBACK_HOSTS.has(hostname)) return production;
  return { startUrl: options.devServerUrl, allowedOrigins: [APP_ORIGIN, devOrigin], devOrigin };
}
