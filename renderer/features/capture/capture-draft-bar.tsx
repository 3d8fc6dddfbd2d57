// The line above the capture form about its draft: kept, restored, not kept, or (the database gone) not keepable, with a copy button.
import { useRef } from 'react';
import type { DatabaseLoss } from '../../db/database-lost';
import { CopyFallbackBox, copyFallbackMessage } from '../copy-fallback-box';
import { formatLocal } from '../format';
import { useClipboardCopy } from '../use-clipboard-copy';
import './capture-draft-bar.css';

/** 'lost': the database is gone; `loss` null when only a refused write has shown it so far (the banner follows). */
export type DraftState = { kind: 'kept' } | { kind: 'restored'; at: string } | { kind: 'not-kept' } | { kind: 'lost'; loss: DatabaseLoss | null };

const AFTER = 'Copy what you typed before you reload or close this window.';

const LOST_TEXT: Record<DatabaseLoss | 'closed', string> = {
  removed: `This draft can no longer be kept: Lantern's data on this computer is gone. ${AFTER}`,
  // The closing event wrote the draft as it stood; nothing typed after it reaches the database.
  updated: `This draft can no longer be kept up to date: Lantern was updated in another window, and what is typed since is not kept. ${AFTER}`,
  closed: `This draft can no longer be kept: this window's database was closed. ${AFTER}`,
};

interface DraftBarProps {
  state: DraftState;
  onStartBlank: () => void;
  onDiscard: () => void;
  /** The form as plain text, read when the button is pressed. */
  copyText: () => string;
}

export function CaptureDraftBar({ state, onStartBlank, onDiscard, copyText }: DraftBarProps) {
  if (state.kind === 'lost') return <LostDraftBar loss={state.loss} copyText={copyText} />;
  const hint =
    state.kind === 'restored' ? `Draft restored (last saved ${formatLocal(state.at)}).`
    // The reason is in the alert below; the draft may still hold an earlier version, so its buttons stay.
    : state.kind === 'not-kept' ? 'The latest changes are not kept as a draft (see the message below).'
    : 'Draft kept on this computer.';
  return (
    <div className="draft-bar">
      <span className="hint">{hint}</span>
      <button type="button" onClick={onStartBlank}>Start blank</button>
      <button type="button" onClick={onDiscard}>Discard draft</button>
    </div>
  );
}

/** No Start blank or Discard draft: the form now holds the only copy of the text, and nothing is left to discard. */
function LostDraftBar({ loss, copyText }: { loss: DatabaseLoss | null; copyText: () => string }) {
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'draft'>();
  const button = useRef<HTMLButtonElement>(null);
  const closeFallback = () => {
    dismissFallback();
    button.current?.focus();
  };
  return (
    <div className="draft-bar draft-lost">
      <p role="alert" className="draft-lost-text">{LOST_TEXT[loss ?? 'closed']}</p>
      <div className="draft-lost-actions">
        <button ref={button} type="button" onClick={() => void copy('draft', copyText(), 'Copied what you typed, as plain text.')}>Copy what I typed</button>
        {/* Always in the page, so screen readers announce the confirmation when its text appears. */}
        <span role="status" className="hint">{confirmation}</span>
      </div>
      {fallback && (
        <CopyFallbackBox className="draft-lost-fallback" message={copyFallbackMessage('text', fallback.reason)} label="What you typed" text={fallback.text}
          rows={Math.min(12, fallback.text.split('\n').length + 1)} textareaRef={textareaRef} onDone={closeFallback} />
      )}
    </div>
  );
}
