// Settings → Sync: connect this device to HQ (address, enrollment code, name), sync now, disconnect, local-only data, conflicts.
import { useId, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { checkHqUrl, hqHostName, isUnencryptedHqUrl } from '../../../shared/ipc/schemas/hq-url';
import { useServices } from '../../app/services';
import { getDevice, useLanternDb } from '../../db';
import { BROWSER_TOKEN_WARNING } from '../../host/browser-sync';
import type { ConnectInput, SyncConnection } from '../../host/host';
import { formatLocal } from '../format';
import { ConflictsList } from './conflicts-list';
import { ConfirmDisconnect } from './confirm-disconnect';
import { HQ_ADDRESS_EXAMPLE, hqAddressProblem } from './hq-address-check';
import { LocalOnlyPanel } from './local-only-panel';
import { RefusedChanges } from './refused-changes';
import { KeyringNotice, UnencryptedNotice } from './security-notices';
import { needsReEnrollment, skewWarning, statusWords } from './sync-words';
import { UNENCRYPTED_MESSAGES, UnencryptedConsent } from './unencrypted-consent';
import { useKeyObfuscated } from './use-keyring-status';
import { useOnline } from './use-online';
import { useSyncConnection, useSyncStatus, useWaitingToSend } from './use-sync';

export function SyncSettings() {
  const { host } = useServices();
  const { connection, reload } = useSyncConnection();
  const status = useSyncStatus();
  const online = useOnline();
  // The same live count as the pill: the status line never says "Up to date" above "On this device only: 1 incident".
  const waiting = useWaitingToSend();
  const keyObfuscated = useKeyObfuscated();
  const deviceId = useDeviceId();
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const words = statusWords(status, connection !== null && connection !== undefined, online, undefined, waiting);
  const skew = connection ? skewWarning(status) : null;
  const cutOff = connection !== null && connection !== undefined && needsReEnrollment(status);
  // After Connect or Disconnect the pressed control is gone: focus goes to the status line that says what happened.
  const stateRef = useRef<HTMLParagraphElement>(null);
  // Which view the focus waits for: the connection is re-read after the call, so the new view comes a render later.
  const focusState = useRef<'connected' | 'disconnected' | null>(null);
  // Backing out of "Disconnect?" returns to the Disconnect button.
  const disconnectRef = useRef<HTMLButtonElement>(null);
  const focusDisconnect = useRef(false);
  // Layout effect: focus moves in the same commit that removed the old control, so it never rests on <body>.
  useLayoutEffect(() => {
    const view = connection ? 'connected' : connection === null ? 'disconnected' : undefined;
    if (focusState.current !== null && focusState.current === view && stateRef.current) {
      focusState.current = null;
      stateRef.current.focus();
    } else if (focusDisconnect.current && disconnectRef.current) {
      focusDisconnect.current = false;
      disconnectRef.current.focus();
    }
  });

  // HQ cutting the device off replaces Sync now with the Connect again form: if focus was on a control that went, it
  // goes to the line saying what happened instead of wherever the focus keeper would put it.
  const wasCutOff = useRef(cutOff);
  useLayoutEffect(() => {
    if (cutOff && !wasCutOff.current && (document.activeElement === null || document.activeElement === document.body)) stateRef.current?.focus();
    wasCutOff.current = cutOff;
  }, [cutOff]);

  const syncNow = async () => {
    setMessage(null);
    try {
      await host.sync.syncNow();
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : 'The sync could not start.', tone: 'error' });
    }
  };
  const disconnect = async () => {
    setBusy(true);
    await host.sync.disconnect();
    // The confirmation stays until the disconnected view replaces it, so focus never passes through <body>; connect() resets it.
    setBusy(false);
    setMessage({ text: 'This device no longer syncs with HQ. Everything recorded here stays on this device.', tone: 'info' });
    focusState.current = 'disconnected';
    reload();
  };
  const connect = async (input: ConnectInput) => {
    setBusy(true);
    setMessage(null);
    const result = await host.sync.connect(input).catch(() => ({ ok: false as const, message: 'Lantern could not connect. Try again.' }));
    setBusy(false);
    if (result.ok) {
      // In browser mode the connected view always shows the token-storage warning; saying it twice helps nobody.
      // In Electron the only warning is the keyring one, which the lasting notice below says already.
      const shownAnyway = host.kind === 'browser' ? result.warning === BROWSER_TOKEN_WARNING : keyObfuscated;
      setMessage(result.warning && !shownAnyway ? { text: result.warning, tone: 'info' } : null);
      setConfirming(false);
      focusState.current = 'connected';
      reload();
    } else setMessage({ text: result.message, tone: 'error' });
  };
  const disconnectButton = (
    <button ref={disconnectRef} type="button" onClick={() => setConfirming(true)}>
      Disconnect…
    </button>
  );
  const messageLine = message && <p role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p>;

  return (
    <div className="sync-settings dialog-form">
      {connection === undefined ? (
        <p className="muted">Loading…</p>
      ) : connection === null ? (
        <>
          <p ref={stateRef} tabIndex={-1} className="sync-state-line">Not connected: this device does not sync with HQ.</p>
          {keyObfuscated && <KeyringNotice connected={false} />}
          {messageLine}
          <ConnectForm busy={busy} onEdit={() => setMessage(null)} onConnect={connect} />
        </>
      ) : (
        <>
          {/* Where sync stands first (it takes focus after Connect), its reason and the last successful sync right under it. */}
          <div className="sync-state">
            <p ref={stateRef} tabIndex={-1} className={`sync-state-line sync-${cutOff ? 'warn' : words.tone}`}>
              {cutOff ? (status.lastError?.kind === 'revoked' ? 'Disconnected by HQ' : 'HQ no longer accepts this device') : words.state}
            </p>
            {cutOff ? (
              <p>
                {`Everything recorded on “${connection.deviceName}” stays on this device, but nothing reaches ${connection.hqUrl} until it is connected again. `}
                Ask the HQ administrator for a re-enrollment code for this device id:{' '}
                <code className="mono" aria-label="Device id">{deviceId ?? '…'}</code>, then enter it below.
              </p>
            ) : (
              words.detail && <p>{words.detail}</p>
            )}
            {words.last && <p className="hint">{`${words.last}.`}</p>}
          </div>
          {!cutOff && <p>{`Connected to ${connection.hqUrl} as “${connection.deviceName}” since ${formatLocal(new Date(connection.connectedAt).toISOString())}.`}</p>}
          {!cutOff && isUnencryptedHqUrl(connection.hqUrl) && <UnencryptedNotice hqUrl={connection.hqUrl} />}
          {keyObfuscated && <KeyringNotice connected />}
          {skew && <p role="note">{skew}</p>}
          {host.kind === 'browser' && <p className="hint">{BROWSER_TOKEN_WARNING}</p>}
          {messageLine}
          {cutOff && (
            <ConnectForm busy={busy} again={connection} onEdit={() => setMessage(null)} onConnect={connect}>
              {!confirming && disconnectButton}
            </ConnectForm>
          )}
          {confirming ? (
            <ConfirmDisconnect busy={busy} onConfirm={() => void disconnect()} onBack={() => { focusDisconnect.current = true; setConfirming(false); }} />
          ) : (
            !cutOff && (
              <div className="actions">
                <button type="button" className="primary" onClick={() => void syncNow()}>
                  Sync now
                </button>
                {disconnectButton}
              </div>
            )
          )}
        </>
      )}
      {!cutOff && <DeviceIdLine deviceId={deviceId} />}
      <LocalOnlyPanel />
      <RefusedChanges />
      <ConflictsList />
    </div>
  );
}

function useDeviceId(): string | undefined {
  const db = useLanternDb();
  return useLiveQuery(() => getDevice(db), [db])?.deviceId;
}

/** This device's id: HQ's administrator needs it to issue a re-enrollment code (`enroll --device <id>`). */
function DeviceIdLine({ deviceId }: { deviceId: string | undefined }) {
  if (!deviceId) return null;
  return (
    <p className="hint">
      Device id, for your HQ administrator when this device must be connected again: <code className="mono" aria-label="Device id">{deviceId}</code>
    </p>
  );
}

interface ConnectFormProps {
  busy: boolean;
  /** More buttons for the form's button row (Disconnect, beside Connect again). */
  children?: ReactNode;
  /** Connecting again after HQ cut this device off: address and name as before, only the new code to type. */
  again?: SyncConnection;
  /** Any field changed: a message about the previous attempt no longer applies. */
  onEdit: () => void;
  onConnect: (input: ConnectInput) => Promise<void>;
}

/** What the connect form checks before asking HQ, each said at its own field. */
type ConnectField = 'address' | 'consent' | 'code' | 'name';
const CONNECT_FIELD_MESSAGES = {
  code: 'Enter the enrollment code your administrator gave you.',
  name: 'Give this device a name (1 to 120 characters) so the administrator can recognise it.',
} as const;

function ConnectForm({ busy, again, children, onEdit, onConnect }: ConnectFormProps) {
  const { host } = useServices();
  const [hqUrl, setHqUrl] = useState(again?.hqUrl ?? '');
  const [enrollmentCode, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(again?.deviceName ?? '');
  const [problem, setProblem] = useState<{ field: ConnectField; message: string } | null>(null);
  // The server the person said yes to sending over http://: a yes is for that server only, so another address asks again.
  const [consentFor, setConsentFor] = useState<string | null>(null);
  const errorId = useId();
  const addressRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const checked = checkHqUrl(hqUrl);
  const plainHost = checked.ok && isUnencryptedHqUrl(checked.url) ? hqHostName(checked.url) : null;
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const edit = <T,>(set: (value: T) => void, value: T) => {
    set(value);
    setProblem(null);
    onEdit();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // The app's own checks, not the browser's bubble (noValidate): each says what to type and sits at its field.
    const addressProblem = hqAddressProblem(hqUrl);
    const name = deviceName.trim();
    const found: { field: ConnectField; message: string } | null = addressProblem
      ? { field: 'address', message: addressProblem }
      : plainHost !== null && consentFor !== plainHost
        ? { field: 'consent', message: UNENCRYPTED_MESSAGES.needed(plainHost) }
        : enrollmentCode.trim() === ''
        ? { field: 'code', message: CONNECT_FIELD_MESSAGES.code }
        : name === '' || name.length > 120
          ? { field: 'name', message: CONNECT_FIELD_MESSAGES.name }
          : null;
    if (found) {
      setProblem(found);
      onEdit();
      ({ address: addressRef, consent: consentRef, code: codeRef, name: nameRef })[found.field].current?.focus();
      return;
    }
    void onConnect({ hqUrl, enrollmentCode, deviceName });
  };
  /** The invalid mark and the message, on the field the problem is about. */
  const marked = (field: ConnectField) => (problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});
  const fieldError = (field: ConnectField) =>
    problem?.field === field && (
      <p id={errorId} role="alert" className="field-error">
        {problem.message}
      </p>
    );
  return (
    <form className={again ? 'dialog-form sync-reconnect' : 'dialog-form'} onSubmit={submit} aria-label={again ? 'Connect again' : 'Connect to HQ'} noValidate>
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
          {...marked('address')}
        />
      </label>
      {fieldError('address')}
      {plainHost !== null && (
        <UnencryptedConsent
          host={plainHost}
          checked={consentFor === plainHost}
          onChange={(yes) => edit(setConsentFor, yes ? plainHost : null)}
          inputRef={consentRef}
          marks={marked('consent')}
          error={fieldError('consent')}
        />
      )}
      <label className="field">
        {again ? 'Re-enrollment code' : 'Enrollment code'}
        <input ref={codeRef} value={enrollmentCode} onChange={(e) => edit(setCode, e.target.value)} autoComplete="off" spellCheck={false} {...marked('code')} />
      </label>
      {fieldError('code')}
      <label className="field">
        Device name
        <input ref={nameRef} value={deviceName} maxLength={200} onChange={(e) => edit(setDeviceName, e.target.value)} placeholder="e.g. Laptop 7" {...marked('name')} />
      </label>
      {fieldError('name')}
      {host.kind === 'browser' && !again && <p className="hint">{BROWSER_TOKEN_WARNING}</p>}
      <div className="actions">
        {/* aria-disabled, not disabled, while connecting: a disabled button drops focus to the page. */}
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? 'Connecting…' : again ? 'Connect again' : 'Connect'}
        </button>
        {children}
      </div>
    </form>
  );
}
