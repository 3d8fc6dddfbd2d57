// Priority = impact × urgency, looked up in a configurable matrix (ServiceNow's 3×3 by default).
import { z } from 'zod';

export const LEVELS = [1, 2, 3] as const;
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Impact = z.infer<typeof levelSchema>;
export type Urgency = Impact;

export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type Priority = z.infer<typeof prioritySchema>;

/** rows = impact 1..3, columns = urgency 1..3; 1 is the highest everywhere. */
export const priorityMatrixSchema = z.tuple([
  z.tuple([prioritySchema, prioritySchema, prioritySchema]),
  z.tuple([prioritySchema, prioritySchema, prioritySchema]),
  z.tuple([prioritySchema, prioritySchema, prioritySchema]),
]);
export type PriorityMatrix = z.infer<typeof priorityMatrixSchema>;

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 4],
];

/** Looks up the priority; throws a RangeError for a level or matrix cell outside 1..3 / 1..5 instead of returning undefined. */
export function derivePriority(impact: Impact, urgency: Urgency, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Priority {
  const priority = matrix[impact - 1]?.[urgency - 1];
  if (!levelSchema.safeParse(impact).success || !levelSchema.safeParse(urgency).success || !prioritySchema.safeParse(priority).success) {
    throw new RangeError(`No priority for impact ${String(impact)} × urgency ${String(urgency)} in this matrix`);
  }
  return priority!;
}

export const LEVEL_LABELS: Record<Impact, string> = { 1: 'High', 2: 'Medium', 3: 'Low' };

export const PRIORITY_LABELS: Record<Priority, string> = {
  1: 'P1 Critical',
  2: 'P2 High',
  3: 'P3 Moderate',
  4: 'P4 Low',
  5: 'P5 Planning',
};
