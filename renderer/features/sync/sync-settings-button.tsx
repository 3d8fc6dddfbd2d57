// Top-bar "Sync settings" button that opens Settings → Sync as a dialog.
import { SettingsDialogButton } from '../settings-dialog-button';
import { SyncSettings } from './sync-settings';

export function SyncSettingsButton() {
  return (
    <SettingsDialogButton label="Sync settings" dialogLabel="Sync settings" closeLabel="Close sync settings">
      <SyncSettings />
    </SettingsDialogButton>
  );
}
