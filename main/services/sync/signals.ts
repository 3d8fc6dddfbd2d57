// What the sync service needs from its host: connectivity, power events and token storage (Electron adapters or fakes).
import type { SecretsStatus } from '../../../shared/ipc/schemas/secrets';

/** Whether the computer has a network; `subscribe` reports changes only. */
export interface OnlineSignal {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

/** The computer woke from sleep (powerMonitor 'resume'). */
export interface PowerSignal {
  onResume(listener: () => void): () => void;
}

/** The parts of SecretStore the service uses. */
export interface TokenStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Renames an unreadable secrets file aside so a new token can be stored; true when it did. */
  setAsideIfUnreadable(): Promise<boolean>;
  status(): SecretsStatus;
}
