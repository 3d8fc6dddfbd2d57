// Collects the facts behind `app:info` from an Electron-app-like object and the process.
import type { AppInfo } from '../../shared/ipc/schemas/app';

export interface AppFactsSource {
  getName(): string;
  getVersion(): string;
  readonly isPackaged: boolean;
}

export interface ProcessFacts {
  readonly platform: string;
  readonly versions: { readonly electron?: string | undefined };
}

export function readAppInfo(app: AppFactsSource, proc: ProcessFacts): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    platform: proc.platform,
    // Absent only when run outside Electron (tests, scripts); the contract still wants a label.
    electronVersion: proc.versions.electron ?? 'unknown',
    isPackaged: app.isPackaged,
  };
}
