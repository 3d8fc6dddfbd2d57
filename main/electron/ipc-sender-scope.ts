// Lets a handler know which page (webContents) sent the invoke it is handling, without changing the handler signature.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IpcInvokeEventLike, IpcMainLike } from '../ipc/register-ipc-handlers';

/** The parts of Electron's WebContents that identify a page and send it events. */
export interface IpcSenderLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface SenderScope {
  /** Pass this to registerIpcHandlers instead of ipcMain. */
  readonly ipcMain: IpcMainLike;
  /** Inside a handler: the sending page; null outside one or when the event carries no usable sender. */
  currentSender(): IpcSenderLike | null;
}

function senderOf(event: IpcInvokeEventLike): IpcSenderLike | null {
  const sender = (event as { sender?: unknown }).sender;
  if (typeof sender !== 'object' || sender === null) return null;
  const candidate = sender as Partial<IpcSenderLike>;
  const usable = typeof candidate.id === 'number' && typeof candidate.isDestroyed === 'function' && typeof candidate.send === 'function';
  return usable ? (sender as IpcSenderLike) : null;
}

/**
 * Wraps ipcMain so every invoke runs inside an AsyncLocalStorage scope holding `event.sender`; the scope
 * follows the handler through its awaits. (Replies to replica calls must come from the page that was called.)
 */
export function createSenderScope(ipcMain: IpcMainLike): SenderScope {
  const storage = new AsyncLocalStorage<IpcSenderLike | null>();
  return {
    ipcMain: {
      handle: (channel, listener) => ipcMain.handle(channel, (event, ...args) => storage.run(senderOf(event), () => listener(event, ...args))),
      removeHandler: (channel) => ipcMain.removeHandler(channel),
    },
    currentSender: () => storage.getStore() ?? null,
  };
}
