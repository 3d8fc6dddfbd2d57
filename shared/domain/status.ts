// Incident statuses and the reference lists a status change may require (hold reasons, resolution codes).
import { z } from 'zod';

export const STATUSES = ['new', 'assigned', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  assigned: 'Assigned',
  in_progress: 'In progress',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** Statuses in which the incident still needs work (used by "Open" views and SLA clocks). */
export const OPEN_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress', 'on_hold'];

export const DEFAULT_HOLD_REASONS = [
  'Awaiting caller',
  'Awaiting vendor',
  'Awaiting change',
  'Awaiting problem',
  'Awaiting parts',
  'Awaiting power restoration',
] as const;

export const DEFAULT_RESOLUTION_CODES = [
  'Fixed',
  'Workaround applied',
  'Hardware repaired',
  'Software patched',
  'Configuration changed',
  'Service restored by provider',
  'No fault found',
  'Duplicate',
  'False positive',
  'User error',
  'Other',
] as const;
