// Keeps one Lantern per user: a second launch focuses the first one instead of opening a second database.

export interface SingleInstanceAppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** Returns false (and quits) when another instance holds the lock; the caller must then do nothing else. */
export function claimSingleInstance(app: SingleInstanceAppLike, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}
