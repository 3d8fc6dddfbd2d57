// The connect form's explicit yes before an enrollment code goes over http:// to another computer.
import { useId, type ReactNode, type Ref } from 'react';
import './security-notices.css';

/** The checkbox's words: also quoted by the message asking for it, so both say the same. */
export const consentLabel = (host: string) => `Connect to ${host} without encryption`;

export const UNENCRYPTED_MESSAGES = {
  needed: (host: string) => `Tick “${consentLabel(host)}” to send the enrollment code over http://, or use an https:// address.`,
} as const;

interface UnencryptedConsentProps {
  /** The server name of the http:// address, e.g. "hq.lan". */
  readonly host: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly inputRef: Ref<HTMLInputElement>;
  /** Marks of a missing yes (aria-invalid, aria-describedby) and the message itself. */
  readonly marks: object;
  readonly error: ReactNode;
}

export function UnencryptedConsent({ host, checked, onChange, inputRef, marks, error }: UnencryptedConsentProps) {
  const titleId = useId();
  return (
    <div role="group" aria-labelledby={titleId} className="sync-notice">
      <p id={titleId} className="sync-notice-title">Unencrypted connection</p>
      <p>
        This address starts with http://, so the enrollment code, this device’s HQ token and the incidents it syncs cross the network unencrypted:
        anyone on the way can read or change them. Use https:// unless HQ is on a network you trust and has no https:// address.
      </p>
      <label className="sync-consent">
        <input ref={inputRef} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...marks} />
        {consentLabel(host)}
      </label>
      {error}
    </div>
  );
}
