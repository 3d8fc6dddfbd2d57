// After-action review vocabulary: what happened, what worked, what to change, root cause, problem record (DOMAIN.md).
import { z } from 'zod';
import { LIMITS } from './limits';

/** A problem record's reference in the problem-management tool (e.g. PRB0012345); kept as text, never followed. */
export const PROBLEM_REF_MAX = 120;

const reviewText = (label: string) =>
  z.string().trim().max(LIMITS.note, `${label} is limited to ${LIMITS.note.toLocaleString('en')} characters`);

/** The review's parts as a timeline entry holds them; only "what happened" is required, the others may be ''. */
export const reviewFieldsSchema = z.object({
  whatHappened: reviewText('What happened').min(1, 'Write what happened first'),
  whatWorked: reviewText('What worked'),
  whatToChange: reviewText('What to change'),
  rootCause: reviewText('The root cause'),
  problemRef: z.string().trim().max(PROBLEM_REF_MAX, `The problem record is limited to ${PROBLEM_REF_MAX} characters`),
});
export type ReviewFields = z.infer<typeof reviewFieldsSchema>;

export const REVIEW_FIELD_LABELS: Record<keyof ReviewFields, string> = {
  whatHappened: 'What happened',
  whatWorked: 'What worked',
  whatToChange: 'What to change',
  rootCause: 'Root cause',
  problemRef: 'Problem record',
};
