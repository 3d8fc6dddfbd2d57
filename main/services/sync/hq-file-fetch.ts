// Fetches one file's bytes from HQ (GET /v1/files/:sha256/content) for `sync:fetch-file`: bounded, cancellable, plain words.
import { formatBytes } from '../../../shared/domain/attachment';
import { MAX_FETCHED_FILE_BYTES, type SyncFetchFileResult } from '../../../shared/ipc/schemas/sync';
import type { TimerApi } from '../../../shared/sync/engine/fetch-transport';
import { FILE_FETCH_MESSAGES } from '../../../shared/sync/engine/file-fetch-messages';
import { syncErrorFromAnswer } from '../../../shared/sync/engine/http-errors';
import { readAtMost, type ByteStreamLike } from '../../../shared/sync/engine/read-answer';
import { HQ_PATHS, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/sync/wire/protocol';

/** A photo of up to the attachment limit over a slow link; a download taking longer is given up (as in browser mode). */
export const FILE_FETCH_TIMEOUT_MS = 5 * 60_000;
/** HQ's error answers are small JSON; more than this is not read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The words both hosts share, plus what only main's download can run into. */
export const HQ_FILE_MESSAGES = {
  ...FILE_FETCH_MESSAGES,
  timeout: 'HQ did not send the file in time, so it was not fetched. Check the network and try again.',
  cancelled: 'This device was disconnected from HQ (or connected again) while the file was coming, so it was not kept. Try again.',
  badName: 'This is not the name of a file at HQ (a SHA-256 of 64 lower-case hex digits), so nothing was fetched.',
  tooBig: (size: number | null) =>
    `${size === null ? 'This file is' : `This file is ${formatBytes(size)},`} over the ${formatBytes(MAX_FETCHED_FILE_BYTES)} Lantern fetches from HQ, so it was not fetched. Ask for a smaller copy.`,
} as const;

/** Reads a body chunk by chunk (Electron's net.fetch Response.body fits), so a download can stop at the limit. */
export type { ByteStreamLike };

export interface FileResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: ByteStreamLike | null;
}

/** Electron's net.fetch (system proxy and certificates), or a fake in tests. */
export type FileFetchLike = (url: string, init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal }) => Promise<FileResponseLike>;

export interface HqFileRequest {
  readonly fetch: FileFetchLike;
  readonly timers: TimerApi;
  readonly hqUrl: string;
  readonly token: string;
  readonly deviceId: string;
  readonly sha256: string;
  /** Aborted when the device disconnects or connects again: the download stops and nothing is handed over. */
  readonly cancel: AbortSignal;
  readonly timeoutMs?: number;
}

type Stop = 'timeout' | 'cancelled';

/** Never rejects: every failure becomes a message for the person (HQ's own text and the token never appear in it). */
export async function fetchHqFile(request: HqFileRequest): Promise<SyncFetchFileResult> {
  if (!SHA256_HEX.test(request.sha256)) return refuse(HQ_FILE_MESSAGES.badName);
  if (request.cancel.aborted) return refuse(HQ_FILE_MESSAGES.cancelled);
  const controller = new AbortController();
  let stopped: Stop | null = null;
  let interrupt: () => void = () => undefined;
  // Rejects once the deadline passes or the connection goes, even if the fetch ignores its signal.
  const interrupted = new Promise<never>((_, reject) => {
    interrupt = () => reject(new Error(stopped ?? 'stopped'));
  });
  const stop = (why: Stop): void => {
    stopped ??= why;
    controller.abort();
    interrupt();
  };
  const onCancel = (): void => stop('cancelled');
  request.cancel.addEventListener('abort', onCancel);
  const timer = request.timers.setTimeout(() => stop('timeout'), request.timeoutMs ?? FILE_FETCH_TIMEOUT_MS);
  try {
    return await Promise.race([download(request, controller.signal), interrupted]);
  } catch {
    // The connection failed or broke while the bytes were arriving.
    return refuse(stopped === 'timeout' ? HQ_FILE_MESSAGES.timeout : stopped === 'cancelled' ? HQ_FILE_MESSAGES.cancelled : HQ_FILE_MESSAGES.offline);
  } finally {
    request.timers.clearTimeout(timer);
    request.cancel.removeEventListener('abort', onCancel);
    // Whatever is still on its way (a body not read to the end) is not wanted any more.
    controller.abort();
  }
}

async function download(request: HqFileRequest, signal: AbortSignal): Promise<SyncFetchFileResult> {
  const url = `${request.hqUrl.replace(/\/+$/, '')}${HQ_PATHS.fileContent(request.sha256)}`;
  const headers = { Accept: 'application/octet-stream', Authorization: `Bearer ${request.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  const response = await request.fetch(url, { method: 'GET', headers, signal });
  if (response.status === 404) return refuse(HQ_FILE_MESSAGES.notAtHq);
  if (response.status < 200 || response.status > 299) return refuse(await describeRefusal(response, request.deviceId));
  // HQ states the size: a file over the limit is refused before its bytes are read.
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_FETCHED_FILE_BYTES) return refuse(HQ_FILE_MESSAGES.tooBig(declared));
  const bytes = await readBodyAtMost(response.body, MAX_FETCHED_FILE_BYTES);
  return bytes === null ? refuse(HQ_FILE_MESSAGES.tooBig(null)) : { ok: true, bytes };
}

/** HQ's refusal in our words: revoked, signed out or outdated each say what to do; anything else is "try later". */
async function describeRefusal(response: FileResponseLike, deviceId: string): Promise<string> {
  let body: unknown;
  try {
    const bytes = await readBodyAtMost(response.body, MAX_ERROR_BODY_BYTES);
    body = bytes === null ? undefined : JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  const error = syncErrorFromAnswer(response.status, body, response.headers.get('Retry-After'), PROTOCOL_VERSION, deviceId);
  switch (error.kind) {
    case 'revoked':
    case 'unauthorized':
    case 'client-newer':
    case 'client-outdated':
      return `The file was not fetched. ${error.message}`;
    case 'timeout':
      return HQ_FILE_MESSAGES.timeout;
    default:
      return HQ_FILE_MESSAGES.failed;
  }
}

/** The whole body, or null once it passes `max` (see readAtMost); no body reads as empty. */
function readBodyAtMost(body: ByteStreamLike | null, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return body ? readAtMost(body, max) : Promise.resolve(new Uint8Array(0));
}

function refuse(message: string): SyncFetchFileResult {
  return { ok: false, message };
}
