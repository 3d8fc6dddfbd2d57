// The replies to a logged communication, under its message in the timeline, in the order they were recorded; each can be corrected.
import { memo, useEffect, useRef, type ReactNode } from 'react';
import type { CommunicationReplyEvent } from '../../../shared/domain/communication-reply';
import { formatZoned } from '../format';
import { summarizeEvent } from './timeline-text';
import './communication-reply.css';

interface RepliesProps {
  replies: readonly CommunicationReplyEvent[];
  label: string;
  /** The corrected entries' ids (a correction is a new entry naming the reply; the reply stays as it was). */
  corrected?: ReadonlySet<string> | undefined;
  /** The reply whose correction form is open, or null. */
  correcting?: string | null;
  onCorrect?: (replyId: string) => void;
  /** The timeline's correction form for `reply` (the same form, and entry, as any other correction). */
  correctionForm?: (reply: CommunicationReplyEvent) => ReactNode;
}

export const CommunicationReplies = memo(function CommunicationReplies({ replies, label, corrected, correcting = null, onCorrect, correctionForm }: RepliesProps) {
  if (replies.length === 0) return null;
  return (
    <ol className="reply-list" aria-label={label}>
      {replies.map((reply) => (
        <ReplyItem key={reply.id} reply={reply} corrected={corrected?.has(reply.id) ?? false} correcting={correcting === reply.id} onCorrect={onCorrect}>
          {correcting === reply.id && correctionForm?.(reply)}
        </ReplyItem>
      ))}
    </ol>
  );
});

function ReplyItem({ reply, corrected, correcting, onCorrect, children }: { reply: CommunicationReplyEvent; corrected: boolean; correcting: boolean; onCorrect: ((replyId: string) => void) | undefined; children: ReactNode }) {
  const correctButton = useRef<HTMLButtonElement>(null);
  const wasCorrecting = useRef(correcting);
  // As for any entry: a correction saved or dropped puts the cursor back on this reply's Correct button, not the page.
  useEffect(() => {
    if (wasCorrecting.current && !correcting && (document.activeElement === null || document.activeElement === document.body)) correctButton.current?.focus();
    wasCorrecting.current = correcting;
  }, [correcting]);
  return (
    <li className={`reply${corrected ? ' corrected' : ''}`}>
      <div className="timeline-meta">
        <span className="timeline-who">
          <span className="timeline-kind">Reply</span>
          <span>{`from ${reply.from}`}</span>
          <time dateTime={reply.repliedAt.utc}>{formatZoned(reply.repliedAt)}</time>
          {corrected && <span className="badge corrected-badge">Corrected</span>}
        </span>
        {onCorrect !== undefined && !correcting && (
          <span className="timeline-actions">
            <button ref={correctButton} type="button" className="ghost small" aria-label={`Correct entry: ${summarizeEvent(reply)}`} onClick={() => onCorrect(reply.id)}>
              Correct
            </button>
          </span>
        )}
      </div>
      <div className="timeline-body">{reply.text}</div>
      {reply.actionTaken !== undefined && <div className="timeline-body">{`Action taken: ${reply.actionTaken}`}</div>}
      {/* Who wrote it down and when, which may differ from who replied and when (late paperwork). */}
      <div className="muted reply-recorded">{`Recorded by ${reply.author.position ? `${reply.author.name} · ${reply.author.position}` : reply.author.name}, ${formatZoned(reply.at)}`}</div>
      {children}
    </li>
  );
}
