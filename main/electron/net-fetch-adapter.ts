// Electron's net.fetch (system proxy and certificates) shaped as the sync transport's FetchLike: own deadline, no redirects, body as a stream.
import type { FetchLike, FetchLikeInit, FetchLikeResponse } from '../../shared/sync/engine/fetch-transport';
import type { ByteStreamLike } from '../../shared/sync/engine/read-answer';

/** The parts of Electron's `net` module used for HTTP (a global fetch fits too, in tests). */
export interface NetFetchLike {
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer>; signal: AbortSignal; redirect: 'error' },
  ): Promise<FetchLikeResponse>;
}

/**
 * Electron's net.fetch rejects a redirect it is told not to follow ("Attempted to redirect, but redirect policy was
 * 'error'"), without the address; the transport reads this answer as the page's "opaqueredirect".
 */
const REDIRECT_REFUSED = /redirect/i;
const refusedRedirect = (): FetchLikeResponse => ({ status: 0, type: 'opaqueredirect', headers: { get: () => null }, body: null, text: async () => '' });

export interface NetFetchOptions {
  /** Hard deadline per request, body included: a backstop behind the transport's own timeout. */
  readonly timeoutMs?: number;
  readonly timers?: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

const defaultTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createNetFetch(net: NetFetchLike, options: NetFetchOptions = {}): FetchLike<AbortSignal> {
  const timers = options.timers ?? defaultTimers;
  const timeoutMs = options.timeoutMs ?? 120_000;
  return async (url: string, init: FetchLikeInit<AbortSignal>): Promise<FetchLikeResponse> => {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    // The transport's signal (its own timeout) and ours both cancel the real request.
    if (init.signal?.aborted) abort();
    init.signal?.addEventListener('abort', abort, { once: true });
    const timer = timers.setTimeout(abort, timeoutMs);
    const done = (): void => {
      timers.clearTimeout(timer);
      init.signal?.removeEventListener('abort', abort);
    };
    let response: FetchLikeResponse;
    try {
      response = await net.fetch(url, {
        method: init.method,
        headers: init.headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: controller.signal,
        // HQ never redirects; following one would send the Authorization header (or the code) wherever it points.
        redirect: 'error',
      });
    } catch (error) {
      done();
      if (!controller.signal.aborted && error instanceof Error && REDIRECT_REFUSED.test(error.message)) return refusedRedirect();
      throw error;
    }
    return {
      status: response.status,
      headers: response.headers,
      // The transport reads the stream up to its cap; the deadline is cleared once the stream ends or is given up.
      ...(response.body ? { body: watchEnd(response.body, done) } : response.body === null ? { body: null } : {}),
      text: async () => {
        try {
          return await response.text();
        } finally {
          done();
        }
      },
    };
  };
}

/** The same stream, calling `done` once it ended, failed or was cancelled. */
function watchEnd(body: ByteStreamLike, done: () => void): ByteStreamLike {
  return {
    getReader() {
      const reader = body.getReader();
      return {
        read: async () => {
          try {
            const chunk = await reader.read();
            if (chunk.done) done();
            return chunk;
          } catch (error) {
            done();
            throw error;
          }
        },
        cancel: async (reason?: unknown) => {
          done();
          await reader.cancel(reason);
        },
      };
    },
  };
}
