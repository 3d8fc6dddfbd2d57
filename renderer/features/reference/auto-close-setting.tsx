// Settings: how many days after resolving Lantern closes an incident by itself (0 = never); a device setting.
import { useId, useState, type FormEvent } from 'react';
import { AUTO_CLOSE_DAYS_MAX } from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { setAutoCloseDays, useAutoCloseDays } from '../../db/auto-close';

type Message = { tone: 'error' | 'saved'; text: string } | null;

export function AutoCloseSetting() {
  const stored = useAutoCloseDays();
  return stored === undefined ? null : <AutoCloseForm stored={stored} />;
}

function AutoCloseForm({ stored }: { stored: number }) {
  const db = useLanternDb();
  const [value, setValue] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  // A value saved here or in another window starts the field afresh from it (adjusted while rendering, not in an
  // effect; not by remounting either, which would drop the focus from the Save button).
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setValue(null);
  }
  const ids = { days: useId(), hint: useId(), message: useId() };
  const shown = value ?? String(stored);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Number('') is 0: an emptied field is a mistake, not "never".
    const days = shown.trim() === '' ? Number.NaN : Number(shown);
    const result = await setAutoCloseDays(db, days);
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.error.message });
      return;
    }
    setValue(null);
    setMessage({ tone: 'saved', text: result.value === 0 ? 'Resolved incidents are no longer closed automatically.' : `Resolved incidents now close automatically after ${result.value} ${result.value === 1 ? 'day' : 'days'}.` });
  };

  return (
    <form className="auto-close-setting" aria-label="Automatic close" onSubmit={(e) => void save(e)} noValidate>
      <h3>Automatic close</h3>
      <div className="field">
        <label htmlFor={ids.days}>Close resolved incidents after (days)</label>
        <input id={ids.days} type="number" inputMode="numeric" min={0} max={AUTO_CLOSE_DAYS_MAX} step={1} value={shown} aria-describedby={message?.tone === 'error' ? `${ids.message} ${ids.hint}` : ids.hint}
          aria-invalid={message?.tone === 'error' ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setMessage(null);
          }} />
      </div>
      {/* Right under the field: at the foot of a long dialog it was below the visible edge. */}
      {message && <p id={ids.message} role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'form-error' : undefined}>{message.text}</p>}
      <p id={ids.hint} className="hint">
        0 turns it off. Counted from the latest resolution; a reopen starts again. A laptop connected to HQ closes only after a sync, so a reopen made on another
        laptop is seen first. Applies on this device.
      </p>
      <div className="actions">
        <button type="submit">Save automatic close</button>
      </div>
    </form>
  );
}
