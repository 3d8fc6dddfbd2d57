// HQ's answers read up to a byte cap (a hostile HQ or a man in the middle cannot fill memory), decoded as UTF-8.
import { utf8ByteLength } from './batch-size';
import { SyncError } from './sync-error';

/**
 * Every answer but a pull page: enroll, push results (500 operations at most, each a few hundred bytes), file status
 * and HQ's error answers are far below this.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/**
 * A pull page: one operation is at most a push body (MAX_PUSH_BODY_BYTES, 5 MB), so a page of one always fits, and a
 * page of 500 fits unless its operations average over 64 KB; then the transport asks for smaller pages.
 */
export const MAX_PULL_ANSWER_BYTES = 32 * 1024 * 1024;

/** Reads a body chunk by chunk (a fetch Response's body, page or Electron, fits). */
export interface ByteStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    cancel(reason?: unknown): Promise<void>;
  };
}

/** The answer was over its cap: nothing of it is used. The transport tells this apart to ask for smaller pull pages. */
export class AnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`answer over ${maxBytes} bytes`);
  }
}

export const answerTooLargeMessage = (maxBytes: number) =>
  `HQ sent an answer larger than Lantern reads (over ${Math.round(maxBytes / (1024 * 1024))} MB), so it was not used and nothing was changed. ` +
  'Lantern will try again later; if it keeps happening, tell your administrator.';

export function isAnswerTooLarge(error: unknown): boolean {
  return error instanceof SyncError && error.details.cause instanceof AnswerTooLarge;
}

export function tooLargeError(status: number, maxBytes: number): SyncError {
  return new SyncError('bad-response', answerTooLargeMessage(maxBytes), { status, cause: new AnswerTooLarge(maxBytes) });
}

/** What readAnswer needs of a response: a stream when the host's fetch has one, text() otherwise (test fakes). */
export interface AnswerSource {
  readonly headers: { get(name: string): string | null };
  readonly body?: ByteStreamLike | null;
  text(): Promise<string>;
}

/** The answer as text, or null once it passes `maxBytes` (reading stops there; a declared length over it reads nothing). */
export async function readAnswer(response: AnswerSource, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.getReader().cancel().catch(() => undefined);
    return null;
  }
  if (response.body === undefined) {
    const text = await response.text();
    // Read already, but not parsed or kept: the cap still means one rule for every host.
    return text.length > maxBytes || utf8ByteLength(text) > maxBytes ? null : text;
  }
  if (response.body === null) return '';
  const bytes = await readAtMost(response.body, maxBytes);
  return bytes === null ? null : decodeUtf8(bytes);
}

/**
 * A whole body in one exact-size Uint8Array, or null once it passes `max` (reading stops there and the rest is
 * cancelled). Exact size also matters across IPC: a structured clone of a view carries its whole backing buffer.
 */
export async function readAtMost(body: ByteStreamLike, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The host's UTF-8 decoder (TextDecoder: every page, Electron and Node have it); shared/ sees it only by this shape. */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

let decoder: Utf8Decoder | undefined;

/** UTF-8 to a string as the Encoding standard decodes it (each invalid sequence becomes U+FFFD), natively. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!decoder) {
    // The WHATWG Encoding API, which every host running this code has (page, Electron, Node); looked up rather than
    // typed in from the DOM lib, and a host without it fails loudly instead of decoding by hand.
    // eslint-disable-next-line no-restricted-globals
    const Native = (globalThis as { TextDecoder?: new (label: string) => Utf8Decoder }).TextDecoder;
    if (!Native) throw new Error('readAnswer: this JavaScript host has no TextDecoder');
    decoder = new Native('utf-8');
  }
  return decoder.decode(bytes);
}
