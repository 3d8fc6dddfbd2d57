// Compact priority label with a colour that is never the only signal (the text says P1…P5).
import { PRIORITY_LABELS, type Priority } from '../../../shared/domain';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge priority-${priority}`} title={PRIORITY_LABELS[priority]}>
      P{priority}
    </span>
  );
}
