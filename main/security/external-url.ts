// Which links may leave the app for the system browser (http/https only), and the one way to open them.
import { MAX_EXTERNAL_URL_LENGTH } from '../../shared/ipc/schemas/limits';
import type { OpenExternalResult } from '../../shared/ipc/schemas/shell';

const SAFE_PROTOCOLS = new Set(['http:', 'https:']);
// Control characters and whitespace anywhere: the URL parser silently drops some (tab, newline),
// which is how `java\tscript:` tricks work. Backslashes: WHATWG turns `\` into `/` but other URL
// parsers (the OS handler's) may not, so `https:a.example\@b.example` could mean two hosts.
// A real link we open never contains any of them.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/;

/** The normalised URL to hand to the OS, or null when the link must not be opened. */
export function toSafeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (UNSAFE_CHARACTERS.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(parsed.protocol)) return null;
  // `https://bank.example@evil.example` reads like the bank but goes to evil: refuse credentials.
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}

export function isSafeExternalUrl(url: unknown): boolean {
  return toSafeExternalUrl(url) !== null;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens a link in the system browser if and only if it is safe; reasons never echo the URL. */
export async function openExternalSafely(shell: ShellLike, url: unknown): Promise<OpenExternalResult> {
  const safeUrl = toSafeExternalUrl(url);
  if (safeUrl === null) return { opened: false, reason: 'Only http and https links can be opened.' };
  try {
    await shell.openExternal(safeUrl);
    return { opened: true };
  } catch {
    return { opened: false, reason: 'The system could not open the link.' };
  }
}
