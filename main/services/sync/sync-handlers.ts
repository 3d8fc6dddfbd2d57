// IPC handlers of the `sync` and `replica` domains, wired to the SyncService and the RemoteReplica.
import type { IpcHandlers } from '../../ipc/register-ipc-handlers';
import type { ReplicaPage, RemoteReplica } from './remote-replica';
import type { SyncService } from './sync-service';

export type SyncChannel =
  | 'sync:status'
  | 'sync:connection'
  | 'sync:connect'
  | 'sync:disconnect'
  | 'sync:now'
  | 'sync:fetch-file'
  | 'sync:local-change'
  | 'replica:attach'
  | 'replica:reply';

export interface SyncHandlerDeps {
  readonly service: Pick<SyncService, 'status' | 'connectionInfo' | 'connect' | 'disconnect' | 'syncNow' | 'fetchFile' | 'noteLocalChange' | 'replicaAvailable'>;
  readonly replica: Pick<RemoteReplica, 'attach' | 'handleReply'>;
  /** The page (webContents) that sent the invoke being handled; null when it cannot be told. */
  readonly currentSender: () => ReplicaPage | null;
}

export function createSyncHandlers(deps: SyncHandlerDeps): Pick<IpcHandlers, SyncChannel> {
  const { service, replica, currentSender } = deps;
  return {
    'sync:status': () => service.status(),
    'sync:connection': () => service.connectionInfo(),
    'sync:connect': (input) => service.connect(input),
    'sync:disconnect': async () => {
      await service.disconnect();
      return null;
    },
    'sync:now': () => service.syncNow(),
    // The hash was checked by the contract; the token never leaves main, only the bytes (or why not) go back.
    'sync:fetch-file': (sha256) => service.fetchFile(sha256),
    // Only a nudge: the scheduler debounces it, and backoff, offline and a person-needed block still hold.
    'sync:local-change': () => {
      service.noteLocalChange();
      return null;
    },
    'replica:attach': () => {
      const page = currentSender();
      if (!page) return { attached: false };
      replica.attach(page);
      service.replicaAvailable();
      return { attached: true };
    },
    // Only the page a call went to may answer it; anything else is refused and changes nothing.
    'replica:reply': (reply) => ({ accepted: replica.handleReply(reply, currentSender()?.id ?? null) === 'accepted' }),
  };
}
