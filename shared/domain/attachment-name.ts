// An attachment name made safe to show and to save under: no control characters, no bidirectional formatting.

/** What stands in for each run of removed characters (U+FFFD REPLACEMENT CHARACTER). */
export const HIDDEN_CHARACTERS_MARK = '\uFFFD';

/**
 * C0 and C1 controls and DEL; the bidirectional formatting characters (U+061C ALM, U+200E LRM, U+200F RLM, the
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069); the line and paragraph separators (U+2028,
 * U+2029), which break a line as a newline does. With them, "invoice\u202Efdp.exe" reads as "invoiceexe.pdf".
 * Zero-width (non-)joiners stay: emoji sequences and Persian or Indic names need them, and they reorder nothing.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]+/g;

/**
 * The name to show and to save a file under. Names synced from other devices are stored as they came (refusing them
 * would stop sync), so every place that shows a name or hands it to the system as a download name goes through here.
 * Each run of hidden characters becomes one visible mark rather than nothing: dropping them silently would still show
 * a changed name without a hint, while "invoice\uFFFDfdp.exe" says both that something was hidden and the real
 * extension; one mark per run keeps a name made of hundreds of them short. A name left blank is shown as "file".
 */
export function safeAttachmentName(name: string): string {
  const shown = name.replace(HIDDEN_CHARACTERS, HIDDEN_CHARACTERS_MARK);
  return shown.trim().length > 0 ? shown : 'file';
}
