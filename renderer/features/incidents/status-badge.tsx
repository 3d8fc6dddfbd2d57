// Status label styled by lifecycle stage.
import { STATUS_LABELS, type Status } from '../../../shared/domain';

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status status-${status}`}>{STATUS_LABELS[status]}</span>;
}
