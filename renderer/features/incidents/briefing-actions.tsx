// "Copy update", "Copy briefing" and "Print briefing": an incident as plain text for SMS, radio and paper when there is no network.
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Incident, TimelineEvent } from '../../../shared/domain';
import { buildBriefing, buildBriefingText, buildShortUpdate, SHORT_UPDATE_LIMIT, type Briefing } from './briefing-text';
import { useBriefingContext } from './briefing-context';
import { requestUpdateLog } from './communication-request';
import { updateLogged } from './communication-update';
import { useClipboardCopy } from '../use-clipboard-copy';
import { CopyFallbackBox, copyFallbackMessage } from '../copy-fallback-box';
import { usePrintOnce } from '../use-print-once';
import { PrintHeader } from './print-header';
import './briefing.css';

type CopyKind = 'update' | 'briefing';

const KIND_WORDS: Record<CopyKind, { noun: string; label: string }> = {
  update: { noun: 'update', label: 'Update text' },
  briefing: { noun: 'briefing', label: 'Briefing text' },
};

export function BriefingActions({ incident, events }: { incident: Incident; events: readonly TimelineEvent[] }) {
  const { context } = useBriefingContext(incident, events);
  const { confirmation, fallback, copy: copyText, dismissFallback, textareaRef } = useClipboardCopy<CopyKind>();
  const { printed, printError, print: printOnce } = usePrintOnce<Briefing>();
  const triggers = useRef<Partial<Record<CopyKind, HTMLButtonElement | null>>>({});
  // The short update last copied: copying sends nothing and records nothing, so it is offered for logging until it is.
  const [copiedUpdate, setCopiedUpdate] = useState<{ text: string; atMs: number } | null>(null);
  const offerLog = copiedUpdate !== null && !updateLogged(events, copiedUpdate.text, copiedUpdate.atMs);

  const copy = async (kind: CopyKind) => {
    const text = kind === 'update' ? buildShortUpdate(incident, events, context()) : buildBriefingText(incident, events, context(), 'copied');
    // Offered even when the clipboard refused: the text is then copied by hand from the box, and sent all the same.
    if (kind === 'update') setCopiedUpdate({ text, atMs: Date.now() });
    await copyText(kind, text, kind === 'update' ? `Copied the update (${text.length} characters).` : 'Copied the briefing.');
  };

  const closeFallback = () => {
    const kind = fallback?.kind;
    dismissFallback();
    if (kind) triggers.current[kind]?.focus();
  };

  const print = () =>
    printOnce(() => buildBriefing(incident, events, context(), 'printed'), 'Printing is not available in this window. Use “Copy briefing” and paste the text into another program.');

  return (
    <div className={`briefing-actions${fallback ? ' has-fallback' : ''}`} role="group" aria-label="Briefing">
      <div className="briefing-buttons">
        <button type="button" ref={(node) => { triggers.current.update = node; }} onClick={() => void copy('update')}
          title={`A short plain-text update for SMS or radio (at most ${SHORT_UPDATE_LIMIT} characters)`}>
          Copy update
        </button>
        <button type="button" ref={(node) => { triggers.current.briefing = node; }} onClick={() => void copy('briefing')}
          title="The full briefing as plain text">
          Copy briefing
        </button>
        <button type="button" onClick={print} title="Print the briefing on paper (or save it as PDF)">
          Print briefing
        </button>
        {/* Always in the page, so screen readers announce the confirmation when its text appears. */}
        <span role="status" className="briefing-confirmation">
          {confirmation && (
            <>
              <span aria-hidden="true">✓ </span>
              {confirmation}
            </>
          )}
        </span>
        {/* Opens the communication form filled in rather than logging at once: who it went to is not known here. */}
        {offerLog && (
          <button type="button" className="briefing-log-sent" onClick={() => requestUpdateLog(incident.id, copiedUpdate.text)}
            title="Record the copied update as an outgoing communication (opens the form with the text filled in)">
            Log it as sent
          </button>
        )}
      </div>
      {printError && <p role="alert" className="field-error">{printError}</p>}
      {fallback && (
        <CopyFallbackBox className="briefing-fallback" message={copyFallbackMessage(KIND_WORDS[fallback.kind].noun, fallback.reason)}
          label={KIND_WORDS[fallback.kind].label} text={fallback.text} rows={fallback.kind === 'update' ? 3 : 14}
          textareaRef={textareaRef} onDone={closeFallback} />
      )}
      {printed && createPortal(<PrintableBriefing briefing={printed} />, document.body)}
    </div>
  );
}

/** The briefing laid out for paper: hidden on screen, the only thing printed while it is in the page (see briefing.css). */
function PrintableBriefing({ briefing }: { briefing: Briefing }) {
  return (
    <section className="briefing-print" aria-label="Printable briefing">
      <PrintHeader kicker="Incident briefing" title={briefing.title} exercise={briefing.exercise} major={briefing.major} fields={briefing.fields} />
      {briefing.sections.map((section) => (
        <section key={section.heading} className="briefing-print-section">
          <h2>
            {section.heading}
            {section.detail && <span className="briefing-print-detail">{` (${section.detail})`}</span>}
          </h2>
          {section.kind === 'list' ? (
            <ul>
              {section.items.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          ) : (
            section.items.map((item, index) => <p key={index}>{item}</p>)
          )}
        </section>
      ))}
      <footer className="briefing-print-footer">{briefing.footer}</footer>
    </section>
  );
}
