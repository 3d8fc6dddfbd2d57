// The inline "Disconnect for good?" step: reconnecting needs an administrator's code, so it says what is still only here.
import { useId, useLayoutEffect, useRef } from 'react';
import { formatBytes } from './sync-words';
import { useLocalOnlySummary } from './use-sync';

interface ConfirmDisconnectProps {
  busy: boolean;
  onConfirm: () => void;
  /** Back out; focus returns to the Disconnect button. */
  onBack: () => void;
}

export function ConfirmDisconnect({ busy, onConfirm, onBack }: ConfirmDisconnectProps) {
  const summary = useLocalOnlySummary();
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="confirm-final" role="group" aria-labelledby={questionId}>
      <p id={questionId}>
        <strong>Disconnect this device from HQ?</strong> To connect it again you need a new code from the HQ administrator. {localOnlyWords(summary)}
      </p>
      <div className="actions">
        {/* aria-disabled, not disabled, while disconnecting: a disabled button drops focus to the page. */}
        <button ref={confirmRef} type="button" className="primary" aria-disabled={busy || undefined} onClick={() => !busy && onConfirm()}>
          {busy ? 'Disconnecting…' : 'Yes, disconnect'}
        </button>
        <button type="button" onClick={onBack}>
          Stay connected
        </button>
      </div>
    </div>
  );
}

function localOnlyWords(summary: ReturnType<typeof useLocalOnlySummary>): string {
  if (summary === undefined) return 'Everything recorded here stays on this device.';
  const { incidents, files, bytes } = summary;
  if (incidents === 0 && files === 0) return 'HQ has everything recorded here; it all stays on this device too.';
  const parts = [`${incidents} incident${incidents === 1 ? '' : 's'}`, `${files} file${files === 1 ? '' : 's'}`, formatBytes(bytes)];
  return `Still only on this device: ${parts.join(', ')}. It stays here but does not reach HQ until the device is connected again.`;
}
