// The visible list of keyboard shortcuts (opened with ? or the topbar button).
import { useEffect, useRef } from 'react';

export const SHORTCUTS: readonly [string, string][] = [
  ['N', 'New incident'],
  ['/', 'Search incidents (words, or a number such as K7QM-0042)'],
  ['↓ / Enter in search', 'Go to the first result / open it'],
  ['S', 'Statistics'],
  ['J', 'Next incident in the list'],
  ['K', 'Previous incident in the list'],
  ['Enter', 'Open the incident under the cursor'],
  ['Esc', 'Back: close the dialog or the open incident'],
  ['Ctrl+Enter', 'Save or apply what you are writing: a new incident, a note, a correction, a communication, a review, evidence, a status change, an escalation'],
  ['?', 'Show or hide this help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="help-backdrop">
      <section role="dialog" aria-label="Keyboard shortcuts" className="help-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape' || e.key === '?') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
        <header className="help-header">
          <h2>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label="Close shortcuts">✕</button>
        </header>
        <dl className="shortcut-list">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt><kbd>{key}</kbd></dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
