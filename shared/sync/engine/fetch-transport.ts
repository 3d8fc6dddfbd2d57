// SyncTransport over an injected fetch (page fetch or Electron's net.fetch): headers, timeout, size cap, no redirects, schema checks, error kinds.
import { z } from 'zod';
import { checkHqUrl } from '../../ipc/schemas/hq-url';
import type { Operation } from '../operation';
import { enrollResponseSchema, fileStatusSchema, HQ_PATHS, PROTOCOL_HEADER, PROTOCOL_VERSION, pullResponseSchema, pushResponseSchema } from '../wire';
import { syncErrorFromAnswer } from './http-errors';
import { NEWER_OPERATIONS_MESSAGE, newerOperationIn } from './newer-operations';
import { isAnswerTooLarge, MAX_ANSWER_BYTES, MAX_PULL_ANSWER_BYTES, readAnswer, tooLargeError, type ByteStreamLike } from './read-answer';
import { SyncError } from './sync-error';
import type { EnrollInput, PushOptions, SyncTransport, UploadChunkInput } from './transport';

/** The part of a fetch Response the transport reads. */
export interface FetchLikeResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The body as a stream, so it can be read up to a cap (both real fetches have it; without it, text() is used). */
  readonly body?: ByteStreamLike | null;
  /** "opaqueredirect": a page's fetch met a redirect it was told not to follow (status 0, no Location to read). */
  readonly type?: string;
  text(): Promise<string>;
}

export interface FetchLikeInit<Signal> {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: Signal;
  /**
   * Never follow a redirect: it would carry the Authorization header (or the enrollment code) to wherever HQ's answer
   * points. A page's fetch then answers "opaqueredirect"; Electron's adapter turns its refusal into the same.
   */
  redirect?: 'manual';
}

export type FetchLike<Signal> = (url: string, init: FetchLikeInit<Signal>) => Promise<FetchLikeResponse>;

/** Calls requests off from outside the transport; an AbortSignal fits (shared code names no DOM or Node type). */
export interface CancelSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Why a request failed once its transport was called off; shown nowhere (the host dropped that run), kept for logs. */
export const TRANSPORT_CANCELLED_MESSAGE = 'The sync was stopped: this device was disconnected from HQ or connected again.';

/** Header of the SyncError for a redirect (not one of HQ's codes): connecting shows its message as it is. */
export const HQ_REDIRECT_CODE = 'hq-redirect';

/**
 * HQ never redirects, so a redirect is a wrong address (often http:// to https://) or something else in the way.
 * Names the address it points to when that is a usable HQ address, the request's own path taken off.
 */
export function redirectError(base: string, path: string, status: number, location: string | null): SyncError {
  const target = location === null ? null : redirectTarget(base, path, location);
  const message =
    `HQ at ${base} answered with a redirect to ${target ?? 'another address'}. Lantern does not follow redirects, so nothing was sent there; ` +
    (target ? 'if that is HQ’s address, connect with it directly in Settings → Sync.' : 'ask your HQ administrator for the address HQ answers at directly (often the same with https://).');
  return new SyncError('bad-response', message, { status, code: HQ_REDIRECT_CODE });
}

function redirectTarget(base: string, path: string, location: string): string | null {
  const origin = /^[a-z]+:\/\/[^/]*/i.exec(base)?.[0] ?? '';
  const scheme = /^[a-z]+:/i.exec(base)?.[0] ?? 'https:';
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? location : location.startsWith('//') ? `${scheme}${location}` : location.startsWith('/') ? `${origin}${location}` : null;
  if (absolute === null) return null;
  let address = absolute.replace(/[?#].*$/, '');
  const ownPath = path.replace(/\?.*$/, '');
  if (address.endsWith(ownPath)) address = address.slice(0, -ownPath.length);
  const checked = checkHqUrl(address);
  return checked.ok && checked.url.length <= 200 ? checked.url : null;
}

/** setTimeout/clearTimeout of the host (method syntax: any handle type fits). */
export interface TimerApi {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FetchTransportOptions<Signal> {
  /** HQ address, e.g. "https://hq.example.org" (a trailing slash is fine). */
  baseUrl: string;
  /** The device token (null before enrollment: only `enroll` works then). */
  token: string | null;
  /** This device's id: every push names it, and HQ only takes a device's own operations. */
  deviceId: string;
  fetch: FetchLike<Signal>;
  timers: TimerApi;
  /** `() => new AbortController()`, so a timed-out (or called-off) request is really cancelled. */
  createAbortController?: () => { signal: Signal; abort(): void };
  /**
   * Calls off every request of this transport (disconnect, a new connection): the ones on their way are aborted and
   * rejected, and no new one is sent.
   */
  cancel?: CancelSignalLike;
  protocolVersion?: number;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  /** The device clock, sent as `deviceTime` with pushes so the admin can see skew too. */
  now?: () => number;
}

export function createFetchTransport<Signal>(options: FetchTransportOptions<Signal>): SyncTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const protocolVersion = options.protocolVersion ?? PROTOCOL_VERSION;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request<S extends z.ZodType>(
    schema: S,
    method: FetchLikeInit<Signal>['method'],
    path: string,
    body?: { json: unknown } | { jsonText: string } | { bytes: Uint8Array<ArrayBuffer> },
    maxBytes = MAX_ANSWER_BYTES,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { Accept: 'application/json', [PROTOCOL_HEADER]: String(protocolVersion) };
    if (options.token !== null) headers.Authorization = `Bearer ${options.token}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body && ('json' in body || 'jsonText' in body)) {
      headers['Content-Type'] = 'application/json';
      payload = 'jsonText' in body ? body.jsonText : JSON.stringify(body.json);
    } else if (body) {
      headers['Content-Type'] = 'application/octet-stream';
      payload = body.bytes;
    }
    const { status, text, retryAfter } = await withTimeout(options, timeoutMs, async (signal) => {
      const init: FetchLikeInit<Signal> = { method, headers, redirect: 'manual', ...(payload !== undefined ? { body: payload } : {}), ...(signal !== undefined ? { signal } : {}) };
      let response: FetchLikeResponse;
      try {
        response = await options.fetch(`${base}${path}`, init);
      } catch (error) {
        throw new SyncError('offline', undefined, { cause: error });
      }
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status <= 399)) {
        await response.body?.getReader().cancel().catch(() => undefined);
        throw redirectError(base, path, response.status, response.headers.get('Location'));
      }
      let text: string | null;
      try {
        text = await readAnswer(response, maxBytes);
      } catch (error) {
        // The connection broke while the answer was arriving: HQ may have committed; resending is safe.
        throw new SyncError('offline', undefined, { status: response.status, cause: error });
      }
      if (text === null) throw tooLargeError(response.status, maxBytes);
      return { status: response.status, text, retryAfter: response.headers.get('Retry-After') };
    });
    const json = parseJson(text);
    if (status < 200 || status > 299) throw syncErrorFromAnswer(status, json, retryAfter, protocolVersion, options.deviceId);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncError('bad-response', undefined, { status, cause: parsed.error });
    return parsed.data;
  }

  /** A page over the cap is asked for again with half the operations, down to one (which always fits). */
  async function pullPage(cursor: string | null, limit: number): Promise<unknown> {
    for (let size = limit; ; size = Math.ceil(size / 2)) {
      const query = queryString({ ...(cursor ? { cursor } : {}), limit: String(size) });
      try {
        return await request(z.unknown(), 'GET', `${HQ_PATHS.pull}?${query}`, undefined, MAX_PULL_ANSWER_BYTES);
      } catch (error) {
        if (size <= 1 || !isAnswerTooLarge(error)) throw error;
      }
    }
  }

  return {
    enroll: (input: EnrollInput) => request(enrollResponseSchema, 'POST', HQ_PATHS.enroll, { json: { ...input, protocolVersion } }),
    push: (ops: readonly Operation[], opsJson?: string, pushOptions: PushOptions = {}) => {
      // The operations go in as JSON text (serialized once, by the engine when it sized the batch).
      const envelope = JSON.stringify({
        protocolVersion,
        deviceId: options.deviceId,
        ...(options.now ? { deviceTime: options.now() } : {}),
        ...(pushOptions.answeredBelowIn !== undefined ? { answeredBelowIn: pushOptions.answeredBelowIn } : {}),
      });
      return request(pushResponseSchema, 'POST', HQ_PATHS.push, { jsonText: `${envelope.slice(0, -1)},"ops":${opsJson ?? JSON.stringify(ops)}}` });
    },
    pull: async (cursor: string | null, limit: number) => {
      const raw = await pullPage(cursor, limit);
      // Before the page's shape is checked: a newer operation may hold what this version cannot parse.
      const newer = newerOperationIn(raw);
      if (newer) throw new SyncError('bad-response', NEWER_OPERATIONS_MESSAGE, { status: 200, cause: new Error(`operation ${String(newer.opId)} has schema version ${newer.schemaVersion}`) });
      const parsed = pullResponseSchema.safeParse(raw);
      if (!parsed.success) throw new SyncError('bad-response', undefined, { status: 200, cause: parsed.error });
      return parsed.data;
    },
    uploadChunk: (input: UploadChunkInput) => {
      const query = queryString({ offset: String(input.offset), size: String(input.size) });
      const bytes = new Uint8Array(input.bytes.byteLength);
      bytes.set(input.bytes);
      return request(fileStatusSchema, 'PUT', `${HQ_PATHS.file(input.sha256)}?${query}`, { bytes });
    },
    fileStatus: (sha256: string) => request(fileStatusSchema, 'GET', HQ_PATHS.file(sha256)),
  };
}

/**
 * Runs `work` with a deadline; on expiry aborts the request (when the host can) and rejects with a timeout.
 * Once the transport is called off (`options.cancel`), it aborts and rejects the same way, and sends nothing new.
 */
async function withTimeout<Signal, T>(options: FetchTransportOptions<Signal>, timeoutMs: number, work: (signal: Signal | undefined) => Promise<T>): Promise<T> {
  const { cancel } = options;
  const cancelled = () => new SyncError('offline', TRANSPORT_CANCELLED_MESSAGE, { cause: new Error('cancelled') });
  if (cancel?.aborted) throw cancelled();
  const controller = options.createAbortController?.();
  let fail: (error: SyncError) => void = () => undefined;
  const deadline = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const stop = (error: SyncError) => {
    controller?.abort();
    fail(error);
  };
  const handle = options.timers.setTimeout(() => stop(new SyncError('timeout')), timeoutMs);
  const onCancel = () => stop(cancelled());
  cancel?.addEventListener('abort', onCancel);
  try {
    return await Promise.race([work(controller?.signal), deadline]);
  } finally {
    options.timers.clearTimeout(handle);
    cancel?.removeEventListener('abort', onCancel);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A query string without URLSearchParams (not in the pure ES library shared code compiles against). */
function queryString(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}
