// IPC payload schemas of the `secrets` domain: whether credentials can be stored encrypted on this machine.
import { z } from 'zod';
import { MAX_LABEL_LENGTH } from './limits';

export const secretsStatusSchema = z.strictObject({
  /** The OS can encrypt secrets at all (Electron safeStorage). */
  available: z.boolean(),
  /** e.g. `keychain`, `dpapi`, `gnome_libsecret`, `kwallet6`, `basic_text`, `unknown`. */
  backend: z.string().min(1).max(MAX_LABEL_LENGTH),
  /** Linux without a keyring: secrets are only obfuscated with a fixed key. The UI must warn. */
  plainTextFallback: z.boolean(),
});
export type SecretsStatus = z.infer<typeof secretsStatusSchema>;
