// Changes HQ refused for good: shown with HQ's reason (they stay on this device and are not sent again).
import { useRefusedChanges } from './use-sync';

export function RefusedChanges() {
  const refused = useRefusedChanges();
  if (!refused || refused.length === 0) return null;
  return (
    <section aria-label="Changes HQ refused" className="sync-refused">
      <h3>Changes HQ refused</h3>
      <p className="hint">These changes stay on this device but HQ will not take them. Make the change again if it is still needed.</p>
      <ul>
        {refused.map((change) => (
          <li key={change.deviceSeq}>{`${change.incidentTitle ?? 'Incident'}: ${change.reason}`}</li>
        ))}
      </ul>
    </section>
  );
}
