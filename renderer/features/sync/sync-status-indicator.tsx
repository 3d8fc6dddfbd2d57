// Top-bar sync indicator: a compact pill (offline / syncing n of m / changes waiting / synced at / failing with a short reason), full words in its description.
import { useEffect, useId, useState } from 'react';
import { useServices } from '../../app/services';
import { describeStatus, skewWarning, statusWords } from './sync-words';
import { useOnline } from './use-online';
import { useSyncStatus, useWaitingToSend } from './use-sync';

export function SyncStatusIndicator() {
  const { host } = useServices();
  const status = useSyncStatus();
  const online = useOnline();
  const waiting = useWaitingToSend();
  const descriptionId = useId();
  const [connected, setConnected] = useState(false);
  // Connecting and disconnecting both change the status, so re-reading the connection on each change suffices.
  useEffect(() => {
    let alive = true;
    void host.sync.getConnection().then((c) => alive && setConnected(c !== null), () => undefined);
    return () => {
      alive = false;
    };
  }, [host, status]);
  const words = statusWords(status, connected, online, undefined, waiting);
  const description = describeStatus(words);
  const skew = connected ? skewWarning(status) : null;
  return (
    <>
      <span className="sync-indicator" role="status" aria-label="Sync status" aria-describedby={descriptionId}>
        <span className={`status-pill sync-${words.tone}`} title={description}>
          {words.short === undefined ? words.text : (
            <>
              <span className="pill-long">{words.text}</span>
              {/* A narrow bar shows this instead (app.css); the long words stay for screen readers. */}
              <span className="pill-short" aria-hidden="true">{words.short}</span>
            </>
          )}
        </span>
        {skew && (
          <span className="status-pill sync-warn" title={skew}>
            Clock differs from HQ
          </span>
        )}
      </span>
      {/* Outside the live region, so a change is announced once (the pill), and read in full on request. */}
      <span id={descriptionId} hidden>
        {skew ? `${description} ${skew}` : description}
      </span>
    </>
  );
}
