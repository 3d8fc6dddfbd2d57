// The Host API: everything the UI needs from its surroundings, so the same UI runs in Electron and in a browser.
export type HostKind = 'electron' | 'browser';

export interface HostAppInfo {
  name: string;
  version: string;
  platform: string;
}

export interface Host {
  readonly kind: HostKind;
  appInfo(): Promise<HostAppInfo>;
  /** Opens an http(s) link in the system browser; anything else is refused. Resolves to whether it opened. */
  openExternal(url: string): Promise<boolean>;
  /** Main (or a notification) asks the UI to show an incident. Returns an unsubscribe function. */
  onNavigate(listener: (incidentId: string) => void): () => void;
}
