// "Closing the window hides it to the tray" as a pure decision, so the app keeps alerting with no window shown.

export interface CloseFacts {
  /** The setting (NotificationSettings.closeToTray). */
  readonly closeToTray: boolean;
  /** True once the user chose Quit (tray, menu, Cmd+Q) or the OS is shutting down. */
  readonly quitting: boolean;
  /** False when no tray icon could be created (some Linux desktops): hiding would strand the user. */
  readonly trayAvailable: boolean;
}

export type CloseDecision = 'hide' | 'close';

export function decideWindowClose(facts: CloseFacts): CloseDecision {
  return facts.closeToTray && !facts.quitting && facts.trayAvailable ? 'hide' : 'close';
}
