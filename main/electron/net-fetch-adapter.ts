// Electron's net.fetch (system proxy and certificates) shaped as the sync transport's FetchLike, with its own deadline.
import type { FetchLike, FetchLikeInit, FetchLikeResponse } from '../../shared/sync/engine/fetch-transport';

/** The parts of Electron's `net` module used for HTTP (a global fetch fits too, in tests). */
export interface NetFetchLike {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer>; signal: AbortSignal }): Promise<FetchLikeResponse>;
}

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
      });
    } catch (error) {
      done();
      throw error;
    }
    return {
      status: response.status,
      headers: response.headers,
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
