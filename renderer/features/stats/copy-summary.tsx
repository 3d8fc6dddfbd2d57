// "Copy summary": the figures on screen as plain text on the clipboard, or in a selected text box when it is refused.
import { useRef } from 'react';
import { CopyFallbackBox, copyFallbackMessage } from '../copy-fallback-box';
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
        <CopyFallbackBox className="stats-copy-fallback" message={copyFallbackMessage('summary', fallback.reason)} label="Summary text"
          text={fallback.text} rows={Math.min(14, fallback.text.split('\n').length + 1)} textareaRef={textareaRef} onDone={close} />
      )}
    </>
  );
}
