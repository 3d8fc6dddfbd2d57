// Handlers for the app's built-in channels (app, shell, secrets, window); services add their own groups.
import type { AppInfo } from '../../shared/ipc/schemas/app';
import type { SecretsStatus } from '../../shared/ipc/schemas/secrets';
import type { OpenExternalResult } from '../../shared/ipc/schemas/shell';
import type { IpcHandlers } from './register-ipc-handlers';

export interface CoreHandlerDeps {
  readonly appInfo: () => AppInfo;
  /** Must apply the external-URL policy itself (openExternalSafely). */
  readonly openExternal: (url: string) => Promise<OpenExternalResult>;
  readonly secretsStatus: () => SecretsStatus;
  /** Returns false when there is no window to focus. */
  readonly focusMainWindow: () => boolean;
}

export type CoreChannel = 'app:info' | 'shell:open-external' | 'secrets:status' | 'window:focus';

export function createCoreHandlers(deps: CoreHandlerDeps): Pick<IpcHandlers, CoreChannel> {
  return {
    'app:info': () => deps.appInfo(),
    'shell:open-external': (url) => deps.openExternal(url),
    'secrets:status': () => deps.secretsStatus(),
    'window:focus': () => ({ focused: deps.focusMainWindow() }),
  };
}
