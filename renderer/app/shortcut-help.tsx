// The visible list of keyboard shortcuts (opened with ? or the topbar button).
import { Fragment, useEffect, useId, useRef, type RefObject } from 'react';
import { useKeepFocusInside } from '../features/use-keep-focus-inside';
import { useKeyboardSettings } from '../store/keyboard-settings-store';
import './shortcut-help.css';

/**
 * One row of the help: `keys` are alternatives ("↓ / Enter"), each a chord of keys pressed together ("Ctrl+Enter");
 * every key gets its own key box, so a box never holds words that could wrap inside it.
 */
export interface Shortcut {
  keys: readonly (readonly string[])[];
  /** Where the keys work, when not everywhere: "in search". */
  where?: string;
  what: string;
  /** A letter or symbol pressed alone: off while single-key shortcuts are turned off. */
  singleKey?: true;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [['N']], singleKey: true, what: 'New incident' },
  { keys: [['/']], singleKey: true, what: 'Search incidents (words, or a number such as K7QM-0042)' },
  { keys: [['↓'], ['Enter']], where: 'in search', what: 'Go to the first result / open it' },
  { keys: [['S']], singleKey: true, what: 'Statistics' },
  { keys: [['J']], singleKey: true, what: 'Next incident in the list' },
  { keys: [['K']], singleKey: true, what: 'Previous incident in the list' },
  { keys: [['↑'], ['↓']], where: 'in the list', what: 'Previous / next incident' },
  { keys: [['Home'], ['End']], where: 'in the list', what: 'First / last incident' },
  { keys: [['Enter']], what: 'Open the incident under the cursor' },
  { keys: [['G']], singleKey: true, what: 'Go to the open incident (its title; Tab goes on to its actions)' },
  { keys: [['C']], singleKey: true, what: 'Change the status of the open incident' },
  { keys: [['E']], singleKey: true, what: 'Escalate the open incident' },
  { keys: [['Esc']], what: 'Back: close the dialog or the open incident' },
  { keys: [['Ctrl', 'Enter']], what: 'Save or apply what you are writing: a new incident, a note, a correction, a communication, a reply to a communication, a review, evidence, a status change, an escalation, a field opened with Edit' },
  { keys: [['?']], singleKey: true, what: 'Show or hide this help' },
];

/** "↓ / Enter in search": key boxes joined by "/" (either) and "+" (together), then where they work. */
function Keys({ shortcut }: { shortcut: Shortcut }) {
  return (
    <>
      {shortcut.keys.map((chord, i) => (
        <Fragment key={chord.join('+')}>
          {i > 0 && ' / '}
          {chord.map((key, j) => (
            <Fragment key={key}>
              {j > 0 && '+'}
              <kbd>{key}</kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
      {shortcut.where && <span className="shortcut-where"> {shortcut.where}</span>}
    </>
  );
}

/**
 * A native modal <dialog> (as the settings dialogs): the page behind is inert and its keys wait. Closing gives focus
 * back to what had it when the help opened (the Shortcuts button, or the row "?" was pressed on), else to `fallbackRef`.
 */
export function ShortcutHelp({ onClose, fallbackRef }: { onClose: () => void; fallbackRef?: RefObject<HTMLElement | null> }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const singleKeys = useKeyboardSettings((s) => s.singleKeys);
  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const fallback = fallbackRef?.current;
    if (dialog && !dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // After close(): while the dialog is modal nothing behind it can take focus.
      if (opener?.isConnected) opener.focus();
      else fallback?.focus();
    };
  }, [fallbackRef]);
  useKeepFocusInside(dialogRef, titleRef);
  return (
    <dialog ref={dialogRef} aria-labelledby={titleId} aria-modal="true" className="help-dialog shortcut-help"
      // The browser's own Escape (cancel): closed through React, so focus goes back the same way every time.
      onCancel={(e) => { e.preventDefault(); onClose(); }}
      onKeyDown={(e) => { if (e.key === 'Escape' || (e.key === '?' && singleKeys)) { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
      <header className="help-header">
        <h2 id={titleId} ref={titleRef} tabIndex={-1}>Keyboard shortcuts</h2>
        <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label="Close shortcuts">✕</button>
      </header>
      <SingleKeySetting />
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what} className={shortcut.singleKey && !singleKeys ? 'shortcut-off' : undefined}>
            <dt><Keys shortcut={shortcut} /></dt>
            <dd>{shortcut.what}{shortcut.singleKey && !singleKeys && <span className="shortcut-where"> (off)</span>}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}

/**
 * The on/off switch for single-key shortcuts (WCAG 2.1.4), where the shortcuts are listed: the app has no general
 * settings screen, and this dialog stays one click away (the top bar's Shortcuts button) when "?" is off.
 */
function SingleKeySetting() {
  const singleKeys = useKeyboardSettings((s) => s.singleKeys);
  const setSingleKeys = useKeyboardSettings((s) => s.setSingleKeys);
  const id = useId();
  return (
    <div className="single-key-setting">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={singleKeys} aria-describedby={`${id}-hint`} onChange={(e) => setSingleKeys(e.target.checked)} />
        Single-key shortcuts
      </label>
      <p id={`${id}-hint`} className="hint">
        {singleKeys
          ? 'On: a letter or symbol pressed alone acts (N, /, S, J, K, G, C, E, ?). Turn them off if you use speech input or press keys by accident.'
          : 'Off: letters and symbols pressed alone do nothing. Esc, Ctrl+Enter and the arrow keys in the list still work.'}
        {' '}Saved on this computer.
      </p>
    </div>
  );
}
