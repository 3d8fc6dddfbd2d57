// Settings → Sync: connect this device to HQ (address, enrollment code, name), sync now, disconnect, local-only data, conflicts.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { getDevice, useLanternDb } from '../../db';
import { BROWSER_TOKEN_WARNING } from '../../host/browser-sync';
import { formatLocal } from '../format';
import { ConflictsList } from './conflicts-list';
import { HQ_ADDRESS_EXAMPLE, hqAddressProblem } from './hq-address-check';
import { LocalOnlyPanel } from './local-only-panel';
import { RefusedChanges } from './refused-changes';
import { skewWarning, statusWords } from './sync-words';
import { useSyncConnection, useSyncStatus } from './use-sync';

export function SyncSettings() {
  const { host } = useServices();
  const { connection, reload } = useSyncConnection();
  const status = useSyncStatus();
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | null>(null);
  const [busy, setBusy] = useState(false);
  const words = statusWords(status, connection !== null && connection !== undefined);
  const skew = connection ? skewWarning(status) : null;

  const syncNow = async () => {
    setMessage(null);
    try {
      await host.sync.syncNow();
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : 'The sync could not start.', tone: 'error' });
    }
  };
  const disconnect = async () => {
    await host.sync.disconnect();
    setMessage({ text: 'This device no longer syncs with HQ. Everything recorded here stays on this device.', tone: 'info' });
    reload();
  };

  return (
    <section aria-label="Sync" className="sync-settings dialog-form">
      <h2>Sync</h2>
      {connection === undefined ? (
        <p className="muted">Loading…</p>
      ) : connection === null ? (
        <ConnectForm
          busy={busy}
          onEdit={() => setMessage(null)}
          onConnect={async (input) => {
            setBusy(true);
            setMessage(null);
            const result = await host.sync.connect(input).catch(() => ({ ok: false as const, message: 'Lantern could not connect. Try again.' }));
            setBusy(false);
            if (result.ok) {
              // In browser mode the connected view always shows the token-storage warning; saying it twice helps nobody.
              const shownAnyway = host.kind === 'browser' && result.warning === BROWSER_TOKEN_WARNING;
              setMessage(result.warning && !shownAnyway ? { text: result.warning, tone: 'info' } : null);
              reload();
            } else setMessage({ text: result.message, tone: 'error' });
          }}
        />
      ) : (
        <div className="dialog-form">
          <p>{`Connected to ${connection.hqUrl} as “${connection.deviceName}” since ${formatLocal(new Date(connection.connectedAt).toISOString())}.`}</p>
          <p aria-label="Sync state">{words.text}</p>
          {words.detail && <p className="hint">{words.detail}</p>}
          {skew && <p role="note">{skew}</p>}
          {host.kind === 'browser' && <p className="hint">{BROWSER_TOKEN_WARNING}</p>}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void syncNow()}>
              Sync now
            </button>
            <button type="button" onClick={() => void disconnect()}>
              Disconnect
            </button>
          </div>
        </div>
      )}
      {message && <p role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      <DeviceIdLine />
      <LocalOnlyPanel />
      <RefusedChanges />
      <ConflictsList />
    </section>
  );
}

/** This device's id: HQ's administrator needs it to issue a re-enrollment code (`enroll --device <id>`). */
function DeviceIdLine() {
  const db = useLanternDb();
  const device = useLiveQuery(() => getDevice(db), [db]);
  if (!device) return null;
  return (
    <p className="hint">
      Device id, for your HQ administrator when this device must be connected again: <code className="mono" aria-label="Device id">{device.deviceId}</code>
    </p>
  );
}

interface ConnectFormProps {
  busy: boolean;
  /** Any field changed: a message about the previous attempt no longer applies. */
  onEdit: () => void;
  onConnect: (input: { hqUrl: string; enrollmentCode: string; deviceName: string }) => Promise<void>;
}

function ConnectForm({ busy, onEdit, onConnect }: ConnectFormProps) {
  const { host } = useServices();
  const [hqUrl, setHqUrl] = useState('');
  const [enrollmentCode, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [addressProblem, setAddressProblem] = useState<string | null>(null);
  const addressErrorId = useId();
  const addressRef = useRef<HTMLInputElement>(null);
  const edit = (set: (value: string) => void, value: string) => {
    set(value);
    setAddressProblem(null);
    onEdit();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The app's own check, not the browser's bubble (noValidate): it says what to type and sits at the field.
    const problem = hqAddressProblem(hqUrl);
    if (problem) {
      setAddressProblem(problem);
      onEdit();
      addressRef.current?.focus();
      return;
    }
    void onConnect({ hqUrl, enrollmentCode, deviceName });
  };
  return (
    <form className="dialog-form" onSubmit={submit} aria-label="Connect to HQ" noValidate>
      <label className="field">
        HQ address
        <input
          ref={addressRef}
          type="text"
          inputMode="url"
          value={hqUrl}
          onChange={(e) => edit(setHqUrl, e.target.value)}
          placeholder={HQ_ADDRESS_EXAMPLE}
          autoComplete="url"
          aria-invalid={addressProblem ? true : undefined}
          aria-describedby={addressProblem ? addressErrorId : undefined}
        />
      </label>
      {addressProblem && (
        <p id={addressErrorId} role="alert" className="field-error">
          {addressProblem}
        </p>
      )}
      <label className="field">
        Enrollment code
        <input value={enrollmentCode} onChange={(e) => edit(setCode, e.target.value)} autoComplete="off" spellCheck={false} />
      </label>
      <label className="field">
        Device name
        <input value={deviceName} onChange={(e) => edit(setDeviceName, e.target.value)} placeholder="Laptop 7" />
      </label>
      {host.kind === 'browser' && <p className="hint">{BROWSER_TOKEN_WARNING}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Connect
        </button>
      </div>
    </form>
  );
}
