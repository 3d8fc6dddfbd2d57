// IPC payload schemas of the `shell` domain: handing links to the operating system.
import { z } from 'zod';
import { MAX_EXTERNAL_URL_LENGTH, MAX_LABEL_LENGTH } from './limits';

/** The page sends the URL alone; main decides whether it is safe (only http: and https: are opened). */
export const openExternalInputSchema = z.string().min(1).max(MAX_EXTERNAL_URL_LENGTH);
export type OpenExternalInput = z.infer<typeof openExternalInputSchema>;

export const openExternalResultSchema = z.strictObject({
  opened: z.boolean(),
  /** Why nothing was opened, in words fit for the UI; never echoes the URL. */
  reason: z.string().max(MAX_LABEL_LENGTH).optional(),
});
export type OpenExternalResult = z.infer<typeof openExternalResultSchema>;
