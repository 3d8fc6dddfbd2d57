// The text a refused clipboard would not take, selected in a read-only box with a message saying how to copy it by hand.
import { useId, type RefObject } from 'react';
import './copy-fallback-box.css';

export interface CopyFallbackBoxProps {
  /** Why it is here and what to do, announced when the box appears. */
  readonly message: string;
  /** The box's visible label ("Briefing text"). */
  readonly label: string;
  readonly text: string;
  readonly rows: number;
  readonly textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Done or Escape: the caller puts focus back on the button that copied. */
  readonly onDone: () => void;
  readonly className?: string;
}

export function CopyFallbackBox({ message, label, text, rows, textareaRef, onDone, className }: CopyFallbackBoxProps) {
  const boxId = useId();
  const messageId = useId();
  return (
    <div className={`copy-fallback${className ? ` ${className}` : ''}`}>
      <p role="alert" id={messageId} className="copy-fallback-message">
        {message}
      </p>
      <label htmlFor={boxId}>{label}</label>
      <textarea id={boxId} ref={textareaRef} readOnly value={text} aria-describedby={messageId} spellCheck={false} rows={rows}
        onFocus={(event) => event.currentTarget.select()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Only this box closes: the app's Escape would otherwise close the pane it sits in too.
            event.preventDefault();
            event.stopPropagation();
            onDone();
          }
        }} />
      <div>
        <button type="button" className="small" onClick={onDone}>Done</button>
      </div>
    </div>
  );
}

/** "Could not copy the briefing: <reason> It is selected below — press Ctrl+C (⌘C on a Mac) to copy it." */
export function copyFallbackMessage(noun: string, reason: string): string {
  return `Could not copy the ${noun}: ${reason} It is selected below — press Ctrl+C (⌘C on a Mac) to copy it.`;
}
