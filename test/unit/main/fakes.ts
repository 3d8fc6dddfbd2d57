// Small fakes of Electron objects shared by the main-process tests.
import type { IpcInvokeEventLike, IpcMainLike } from '../../../main/ipc/register-ipc-handlers';
import type { FrameLike } from '../../../main/security/sender-policy';

type InvokeListener = Parameters<IpcMainLike['handle']>[1];

/** ipcMain that records handlers and lets a test play the renderer. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    // Electron answers an unhandled channel with this error.
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, ...args);
  }
}

export const topFrame = (url: string): FrameLike => ({ url, parent: null });
export const eventFrom = (frame: FrameLike | null): IpcInvokeEventLike => ({ senderFrame: frame });
export const appEvent = (): IpcInvokeEventLike => eventFrom(topFrame('app://lantern/index.html'));
