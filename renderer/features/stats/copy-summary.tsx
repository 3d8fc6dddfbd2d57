// "Copy summary": the figures on screen as plain text on the clipboard, or in a selected text box when it is refused.
import { useRef } from 'react';
import { useClipboardCopy } from '../use-clipboard-copy';

export function CopySummary({ text }: { text: () => string }) {
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'summary'>();
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    dismissFallback();
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" onClick={() => void copy('summary', text(), 'Copied the summary.')} title="The figures as plain text, for SMS, radio or e-mail">
        Copy summary
      </button>
      {/* Always in the page, so screen readers announce the confirmation when its text appears. */}
      <span className="stats-copied" role="status">
        {confirmation}
      </span>
      {fallback && (
        <div className="stats-copy-fallback">
          <p>{fallback.reason} Copy the text below with Ctrl+C (⌘C).</p>
          <textarea
            ref={textareaRef}
            aria-label="Summary text"
            readOnly
            rows={Math.min(14, fallback.text.split('\n').length + 1)}
            value={fallback.text}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                // Only this box closes: the app's Escape would otherwise close the statistics too.
                event.preventDefault();
                event.stopPropagation();
                close();
              }
            }}
          />
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      )}
    </>
  );
}
