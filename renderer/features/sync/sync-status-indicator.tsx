// Top-bar sync indicator: offline / syncing n of m / up to date with the last sync time / failing with the reason.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { skewWarning, statusWords } from './sync-words';
import { useSyncStatus } from './use-sync';

export function SyncStatusIndicator() {
  const { host } = useServices();
  const status = useSyncStatus();
  const [connected, setConnected] = useState(false);
  // Connecting and disconnecting both change the status, so re-reading the connection on each change suffices.
  useEffect(() => {
    let alive = true;
    void host.sync.getConnection().then((c) => alive && setConnected(c !== null), () => undefined);
    return () => {
      alive = false;
    };
  }, [host, status]);
  const words = statusWords(status, connected);
  const skew = connected ? skewWarning(status) : null;
  return (
    <span className="sync-indicator" role="status" aria-label="Sync status">
      <span className={`status-pill sync-${words.tone}`} title={words.detail ?? words.text}>
        {words.text}
      </span>
      {words.detail && status.state === 'failing' && <span className="visually-hidden">{words.detail}</span>}
      {skew && (
        <span className="status-pill sync-warn" title={skew}>
          Clock differs from HQ
        </span>
      )}
    </span>
  );
}
