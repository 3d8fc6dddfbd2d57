// "On this device only: N incidents, M files, X MB": what would be lost if this device were lost before syncing.
import { formatBytes } from './sync-words';
import { useLocalOnlySummary } from './use-sync';

export function LocalOnlyPanel() {
  const summary = useLocalOnlySummary();
  return (
    <section aria-label="On this device only" className="sync-local-only">
      <h3>On this device only</h3>
      {summary === undefined ? (
        <p className="muted">Counting…</p>
      ) : (
        <p>
          {`On this device only: ${summary.incidents} incident${summary.incidents === 1 ? '' : 's'}, ${summary.files} file${summary.files === 1 ? '' : 's'}, ${formatBytes(summary.bytes)}`}
        </p>
      )}
      <p className="hint">Incidents with changes HQ has not confirmed yet, and attached files HQ does not hold yet.</p>
    </section>
  );
}
