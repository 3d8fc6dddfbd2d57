// Calm, lasting notices in Settings → Sync about what is not protected: an unencrypted link to HQ, a key without a keyring.
import { useId } from 'react';
import './security-notices.css';

/** Connected over http:// to another computer: everything synced can be read (and changed) on the way. */
export function UnencryptedNotice({ hqUrl }: { hqUrl: string }) {
  const titleId = useId();
  return (
    <div role="note" aria-labelledby={titleId} className="sync-notice">
      <p id={titleId} className="sync-notice-title">Unencrypted connection to HQ</p>
      <p>
        {`This device syncs with ${hqUrl} over http://, so incidents, attachments and this device’s HQ token cross the network unencrypted. `}
        Ask your HQ administrator for an https:// address, then disconnect and connect with it.
      </p>
    </div>
  );
}

/** Linux without a keyring: Electron's safeStorage falls back to a fixed key, which hides the token but does not protect it. */
export function KeyringNotice({ connected }: { connected: boolean }) {
  const titleId = useId();
  return (
    <div role="note" aria-labelledby={titleId} className="sync-notice">
      <p id={titleId} className="sync-notice-title">No system keyring</p>
      <p>
        {connected
          ? 'This device’s HQ token is stored only obfuscated, not encrypted: anyone who can read your user files could copy it and sync as this device. '
          : 'This computer has no system keyring, so once connected this device’s HQ token would be stored only obfuscated, not encrypted. '}
        Ask your administrator about setting up a keyring (such as GNOME Keyring or KWallet) for your desktop session.
      </p>
    </div>
  );
}
