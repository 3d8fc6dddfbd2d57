// The replies to a logged communication, under its message in the timeline, in the order they were recorded.
import { memo } from 'react';
import type { CommunicationReplyEvent } from '../../../shared/domain/communication-reply';
import { formatZoned } from '../format';
import './communication-reply.css';

export const CommunicationReplies = memo(function CommunicationReplies({ replies, label }: { replies: readonly CommunicationReplyEvent[]; label: string }) {
  if (replies.length === 0) return null;
  return (
    <ol className="reply-list" aria-label={label}>
      {replies.map((reply) => (
        <li key={reply.id} className="reply">
          <div className="timeline-meta">
            <span className="timeline-kind">Reply</span>
            <span>{`from ${reply.from}`}</span>
            <time dateTime={reply.repliedAt.utc}>{formatZoned(reply.repliedAt)}</time>
          </div>
          <div className="timeline-body">{reply.text}</div>
          {reply.actionTaken !== undefined && <div className="timeline-body">{`Action taken: ${reply.actionTaken}`}</div>}
          {/* Who wrote it down and when, which may differ from who replied and when (late paperwork). */}
          <div className="muted reply-recorded">{`Recorded by ${reply.author.position ? `${reply.author.name} · ${reply.author.position}` : reply.author.name}, ${formatZoned(reply.at)}`}</div>
        </li>
      ))}
    </ol>
  );
});
