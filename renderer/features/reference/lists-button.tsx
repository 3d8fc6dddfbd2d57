// Top-bar "Lists" button that opens Settings → Lists (teams, people, categories, sites… and their order) as a dialog.
import { SettingsDialogButton } from '../settings-dialog-button';
import { ListsSettings } from './lists-settings';

export function ListsButton() {
  return (
    <SettingsDialogButton label="Lists" dialogLabel="Lists and categories" closeLabel="Close lists">
      <ListsSettings />
    </SettingsDialogButton>
  );
}
