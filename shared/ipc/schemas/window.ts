// IPC payload schemas of the `window` domain: bringing the app window to the front.
import { z } from 'zod';

/** `focused` is false when there was no live window to focus. */
export const focusResultSchema = z.strictObject({ focused: z.boolean() });
export type FocusResult = z.infer<typeof focusResultSchema>;
