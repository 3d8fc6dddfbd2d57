// Top-bar "SLA policies" button that opens Settings → SLA policies as a dialog.
import { SettingsDialogButton } from '../settings-dialog-button';
import { SlaPoliciesSettings } from './sla-policies-settings';

export function SlaPoliciesButton() {
  return (
    <SettingsDialogButton label="SLA policies" dialogLabel="SLA policy settings" closeLabel="Close SLA policy settings">
      <SlaPoliciesSettings />
    </SettingsDialogButton>
  );
}
