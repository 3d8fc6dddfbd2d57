// Makes a window hide instead of close when the close-to-tray policy says so; real quits still close it.
import { decideWindowClose, type CloseFacts } from '../services/tray/close-policy';

export interface QuitSignalLike {
  on(event: 'before-quit', listener: () => void): unknown;
}

export interface HidableWindowLike {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/** Tracks whether the app is quitting (tray Quit, Cmd+Q, OS shutdown); install once per app. */
export function trackQuitting(app: QuitSignalLike): () => boolean {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  return () => quitting;
}

export function hideOnClose(window: HidableWindowLike, facts: () => CloseFacts): void {
  window.on('close', (event) => {
    if (decideWindowClose(facts()) === 'hide') {
      event.preventDefault();
      window.hide();
    }
  });
}
