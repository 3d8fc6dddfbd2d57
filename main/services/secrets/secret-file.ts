// The on-disk format of the secret store: versioned JSON mapping secret names to base64 ciphertext.
import { z } from 'zod';

export const SECRET_NAME_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

const secretFileSchema = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.string().regex(SECRET_NAME_PATTERN), z.base64().max(1_000_000)),
});

export type SecretFileEntries = Readonly<Record<string, string>>;

/** A fresh entry map with no prototype, so names like "constructor" only ever mean our own entries. */
export function emptySecretEntries(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** zod drops a JSON `"__proto__"` key from records without failing; a file containing one is not ours. */
function hasOnlyValidNames(json: unknown): boolean {
  const entries = (json as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null) return true; // the schema reports it
  return Object.keys(entries).every((name) => SECRET_NAME_PATTERN.test(name));
}

/** Null when the contents are not a valid secrets file (truncated write, hand edits, another format). */
export function parseSecretFile(contents: string): SecretFileEntries | null {
  let json: unknown;
  try {
    json = JSON.parse(contents);
  } catch {
    return null;
  }
  const parsed = secretFileSchema.safeParse(json);
  if (!parsed.success || !hasOnlyValidNames(json)) return null;
  return Object.assign(emptySecretEntries(), parsed.data.entries);
}

export function serializeSecretFile(entries: SecretFileEntries): string {
  return `${JSON.stringify({ version: 1, entries: { ...entries } }, null, 2)}\n`;
}
