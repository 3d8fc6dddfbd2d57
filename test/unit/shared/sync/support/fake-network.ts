// A fetch-like function that routes to a FakeHq, with injectable faults: offline, lost answers, duplicates, garbage, hangs.
import type { FetchLike, FetchLikeResponse } from '../../../../../shared/sync/engine';
import type { FakeHq, HqAnswer, HqRequest } from './fake-hq';

export interface NetworkFaults {
  offline?: boolean;
  /** HQ handles (and commits) the request, then the connection drops before the answer arrives. */
  dropResponse?: (request: HqRequest) => boolean;
  /** The request reaches HQ twice (a retrying proxy); the device sees the second answer. */
  duplicate?: (request: HqRequest) => boolean;
  /** Answers in HQ's place before HQ sees the request (a proxy refusing it); null lets it through. */
  refuse?: (request: HqRequest) => HqAnswer | null;
  /** Replaces HQ's answer after HQ handled the request (a broken proxy, a wrong server). */
  corrupt?: (request: HqRequest, answer: HqAnswer) => HqAnswer | null;
  /** The request is never answered (the transport's timeout must fire). */
  hang?: (request: HqRequest) => boolean;
}

export interface NetworkStats {
  requests: number;
  dropped: number;
  duplicated: number;
  /** Largest request body seen, in bytes. */
  maxBodyBytes: number;
}

export function newNetworkStats(): NetworkStats {
  return { requests: 0, dropped: 0, duplicated: 0, maxBodyBytes: 0 };
}

export function createFakeFetch(hq: FakeHq, faults: NetworkFaults = {}, stats: NetworkStats = newNetworkStats()): FetchLike<unknown> {
  return async (url, init) => {
    stats.requests += 1;
    if (faults.offline) throw new TypeError('fetch failed: network unreachable');
    if (typeof init.body === 'string') stats.maxBodyBytes = Math.max(stats.maxBodyBytes, Buffer.byteLength(init.body));
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const request: HqRequest = {
      method: init.method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams.entries()),
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    if (faults.hang?.(request)) return new Promise<FetchLikeResponse>(() => {});
    const refused = faults.refuse?.(request);
    if (refused) return { status: refused.status, headers: { get: () => null }, text: async () => refused.body };
    let answer = hq.handle(request);
    if (faults.duplicate?.(request)) {
      stats.duplicated += 1;
      answer = hq.handle(request);
    }
    if (faults.dropResponse?.(request)) {
      stats.dropped += 1;
      throw new TypeError('fetch failed: connection reset');
    }
    answer = faults.corrupt?.(request, answer) ?? answer;
    return { status: answer.status, headers: { get: () => null }, text: async () => answer.body };
  };
}
