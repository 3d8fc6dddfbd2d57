// Who did something: the person at the keyboard and, in incident command, their position.
import { z } from 'zod';

export const authorSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Names are limited to 120 characters'),
  /** Incident role or position (e.g. "Facility Unit Leader"); optional. */
  position: z.string().trim().max(120).optional(),
});
export type Author = z.infer<typeof authorSchema>;

/** The author used for entries made by Lantern itself (automatic escalations, imports). */
export const SYSTEM_AUTHOR: Author = { name: 'Lantern (automatic)' };
