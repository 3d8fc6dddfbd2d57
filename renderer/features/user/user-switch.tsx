// Shared laptops: a quick switch of who is using Lantern; every later entry names this person (and position).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Author } from '../../../shared/domain';
import { DEFAULT_AUTHOR, setCurrentUser, useLanternDb } from '../../db';
import { samePerson } from '../../db/current-user';
import { useUserDialogStore } from '../../store/user-dialog-store';
import { DrillModeControl } from '../drill/drill-mode-control';
import { useKeepFocusInside } from '../use-keep-focus-inside';
import { useCurrentUser, useRecentUsers } from './use-current-user';
import './user-switch.css';

export function UserSwitch() {
  const user = useCurrentUser();
  // In a store, not local state: the capture form's "Set your name" opens this same dialog.
  const open = useUserDialogStore((s) => s.open);
  const returnTo = useUserDialogStore((s) => s.returnTo);
  const openDialog = useUserDialogStore((s) => s.openUserDialog);
  const closeDialog = useUserDialogStore((s) => s.closeUserDialog);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unknown = user === undefined || user.name === DEFAULT_AUTHOR.name;
  // The dialog lives here: when the top bar goes (the app closes), so does the dialog, not left open for the next one.
  useEffect(() => () => closeDialog(), [closeDialog]);
  const close = (named: boolean) => {
    closeDialog();
    if (returnTo) returnTo(named);
    else buttonRef.current?.focus();
  };
  const whole = unknown ? undefined : user.position ? `${user.name} · ${user.position}` : user.name;
  return (
    <>
      {/* A long name or position can still be cut short on a narrow bar: the title shows all of it on hover and gives
          screen readers the position, which the short accessible name leaves out. */}
      <button ref={buttonRef} type="button" className={`ghost user-switch${unknown ? ' user-unknown' : ''}`} onClick={() => openDialog()}
        aria-haspopup="dialog" aria-expanded={open} aria-label={unknown ? 'Who is working? Set your name' : `Working as ${user.name}. Switch user`} title={whole}>
        {unknown ? 'Who is working?' : (
          <>
            <span className="user-switch-name">{user.name}</span>
            {user.position && <span className="user-switch-position">{` · ${user.position}`}</span>}
          </>
        )}
      </button>
      {open && <UserDialog initialName={unknown ? '' : user.name} initialPosition={user?.position ?? ''} onClose={close} />}
    </>
  );
}

function UserDialog({ initialName, initialPosition, onClose }: { initialName: string; initialPosition: string; onClose: (named: boolean) => void }) {
  const db = useLanternDb();
  const [name, setName] = useState(initialName);
  const [position, setPosition] = useState(initialPosition);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // Modal (aria-modal, dimmed page): Tab stays in the dialog instead of wandering to the top bar behind it.
  const dialogRef = useRef<HTMLElement>(null);
  useKeepFocusInside(dialogRef, nameRef);
  const ids = { name: useId(), position: useId(), error: useId(), recent: useId() };
  // Everyone who worked here lately but the person at the keyboard now: a handover back is one click or Enter.
  const current: Author = { name: initialName, ...(initialPosition ? { position: initialPosition } : {}) };
  const allRecent = useRecentUsers() ?? [];
  const recent = allRecent.filter((person) => !samePerson(person, current));
  useEffect(() => {
    nameRef.current?.focus();
    nameRef.current?.select();
  }, []);

  // The position shown belongs to whoever's name is typed: a new person does not inherit the previous one's position
  // (every entry would name it), a returning one gets theirs back; one typed by hand is left alone.
  const positionTyped = useRef(false);
  function changeName(next: string) {
    setName(next);
    setError(null);
    if (positionTyped.current) return;
    const known = allRecent.find((person) => person.name === next.trim());
    setPosition(known?.position ?? (next.trim() === initialName ? initialPosition : ''));
  }

  async function switchTo(author: Author) {
    const result = await setCurrentUser(db, author);
    if (result.ok) onClose(true);
    else setError(result.error.message);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void switchTo({ name, ...(position.trim() ? { position } : {}) });
  }

  return (
    <div className="help-backdrop">
      <section ref={dialogRef} role="dialog" aria-modal="true" aria-label="Who is working" className="help-dialog user-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(false); } }}>
        <form onSubmit={submit} noValidate>
          <header className="help-header">
            <h2>Who is working on this computer?</h2>
          </header>
          <p className="muted">Every entry you make from now on names you. Switch here when you hand the laptop over.</p>
          {recent.length > 0 && (
            <section className="recent-users" aria-labelledby={ids.recent}>
              <h3 id={ids.recent}>Worked here recently</h3>
              <ul>
                {recent.map((person) => (
                  <li key={`${person.name}\u0000${person.position ?? ''}`}>
                    <button type="button" onClick={() => void switchTo(person)}>
                      {person.position ? `${person.name} · ${person.position}` : person.name}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="field">
            <label htmlFor={ids.name}>Your name</label>
            <input id={ids.name} ref={nameRef} value={name} maxLength={120} onChange={(e) => changeName(e.target.value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? ids.error : undefined} autoComplete="name" />
            {error && <p id={ids.error} role="alert" className="field-error">{error}</p>}
          </div>
          <div className="field">
            <label htmlFor={ids.position}>Position (optional)</label>
            <input id={ids.position} value={position} maxLength={120} onChange={(e) => { setPosition(e.target.value); positionTyped.current = true; }} placeholder="e.g. Facility Unit Leader" />
          </div>
          <div className="actions">
            <button type="submit" className="primary">Start working</button>
            <button type="button" onClick={() => onClose(false)}>Cancel</button>
          </div>
        </form>
        <DrillModeControl />
      </section>
    </div>
  );
}
