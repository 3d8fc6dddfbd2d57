// The tray menu as data (Open, Sync now, Pause notifications, Quit) and the tooltip, from the app's state.

export type TrayCommand = 'open' | 'sync-now' | 'toggle-pause' | 'quit';

export interface TrayMenuItem {
  readonly command: TrayCommand;
  readonly label: string;
  readonly enabled: boolean;
  /** Present on the pause item only: whether notifications are paused. */
  readonly checked?: boolean;
}

export interface TrayState {
  readonly paused: boolean;
  readonly syncing: boolean;
  readonly unread: number;
  /** Plain words, e.g. "Offline" or "Last sync 10:42"; shown in the tooltip. */
  readonly syncSummary: string;
}

export function trayMenuModel(state: TrayState): readonly TrayMenuItem[] {
  return [
    { command: 'open', label: state.unread > 0 ? `Open Lantern (${state.unread} unread)` : 'Open Lantern', enabled: true },
    { command: 'sync-now', label: state.syncing ? 'Syncing…' : 'Sync now', enabled: !state.syncing },
    { command: 'toggle-pause', label: 'Pause notifications', enabled: true, checked: state.paused },
    { command: 'quit', label: 'Quit Lantern', enabled: true },
  ];
}

export function trayTooltip(state: TrayState): string {
  const parts = ['Lantern', state.syncSummary];
  if (state.unread > 0) parts.push(`${state.unread} unread`);
  if (state.paused) parts.push('notifications paused');
  return parts.filter((p) => p.trim() !== '').join(' · ');
}
