// IPC payload schemas of the `app` domain: application facts and navigation requests from main.
import { z } from 'zod';
import { MAX_ID_LENGTH, MAX_LABEL_LENGTH } from './limits';

const label = z.string().min(1).max(MAX_LABEL_LENGTH);

export const appInfoSchema = z.strictObject({
  name: label,
  version: label,
  /** Node's `process.platform` (`darwin`, `win32`, `linux`, …); kept a string so a new platform never breaks the contract. */
  platform: label,
  electronVersion: label,
  isPackaged: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Incident ids are opaque tokens (uuid, ulid…): printable, no spaces, bounded. */
export const incidentIdSchema = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** Main asks the page to show one incident (e.g. the user clicked an SLA notification). */
export const navigatePayloadSchema = z.strictObject({ incidentId: incidentIdSchema });
export type NavigatePayload = z.infer<typeof navigatePayloadSchema>;
