// A fetch-like function into a real HQ app through Fastify's inject (full request pipeline, no socket), with network faults.
import type { FastifyInstance } from 'fastify';
import type { FetchLike, FetchLikeResponse } from '../../../shared/sync/engine';

export interface InjectFaults {
  /** HQ handles (and commits) the request, then the connection drops before the answer arrives. */
  dropResponse?: (path: string) => boolean;
  /** The request reaches HQ twice (a retrying proxy); the device sees the second answer. */
  duplicate?: (path: string) => boolean;
}

export interface InjectStats {
  requests: number;
  dropped: number;
  duplicated: number;
}

export function createInjectFetch(app: FastifyInstance, faults: InjectFaults = {}, stats: InjectStats = { requests: 0, dropped: 0, duplicated: 0 }): FetchLike<unknown> {
  return async (url, init) => {
    stats.requests += 1;
    const parsed = new URL(url);
    const path = parsed.pathname;
    const send = () =>
      app.inject({
        method: init.method,
        url: `${path}${parsed.search}`,
        headers: init.headers,
        ...(init.body === undefined ? {} : { payload: typeof init.body === 'string' ? init.body : Buffer.from(init.body) }),
      });
    let reply = await send();
    if (faults.duplicate?.(path)) {
      stats.duplicated += 1;
      reply = await send();
    }
    if (faults.dropResponse?.(path)) {
      stats.dropped += 1;
      throw new TypeError('fetch failed: connection reset');
    }
    const headers = reply.headers;
    const response: FetchLikeResponse = {
      status: reply.statusCode,
      headers: {
        get: (name) => {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : String(value);
        },
      },
      text: async () => reply.body,
    };
    return response;
  };
}
