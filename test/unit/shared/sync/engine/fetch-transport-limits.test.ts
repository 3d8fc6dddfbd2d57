// createFetchTransport against a hostile or misconfigured HQ: answers read up to a byte cap, redirects refused in plain words.
import { describe, expect, it, vi } from 'vitest';
import { createFetchTransport, describeConnectFailure, type FetchLike, type FetchLikeInit, type FetchLikeResponse } from '../../../../../shared/sync/engine';
import { MAX_ANSWER_BYTES, MAX_PULL_ANSWER_BYTES } from '../../../../../shared/sync/engine/read-answer';
import { rejection } from '../support/sync-rejection';

const encoder = new TextEncoder();

/** A body that hands out `chunks`, then (when `endless`) the same filler for ever; counts what was read. */
function stream(chunks: Uint8Array[], endless = false) {
  const state = { read: 0, cancelled: false };
  let index = 0;
  const filler = new Uint8Array(64 * 1024).fill(0x20);
  return {
    state,
    body: {
      getReader: () => ({
        read: async () => {
          const value = index < chunks.length ? chunks[index++] : endless ? filler : undefined;
          if (!value) return { done: true };
          state.read += value.byteLength;
          return { done: false, value };
        },
        cancel: async () => {
          state.cancelled = true;
        },
      }),
    },
  };
}

function respond(status: number, body: FetchLikeResponse['body'], headers: Record<string, string> = {}, extra: Partial<FetchLikeResponse> = {}): FetchLikeResponse {
  return { status, headers: { get: (name) => headers[name] ?? null }, body, text: async () => 'never read this way', ...extra };
}

function transportWith(fetch: FetchLike<unknown>) {
  return createFetchTransport<unknown>({ baseUrl: 'http://hq.example.org/', token: 'secret-token', deviceId: 'dev-a', fetch, timers: { setTimeout, clearTimeout } });
}

const PULL_OK = { hqId: 'hq', epoch: 'e1', serverTime: 5, ops: [], cursor: 'c1', hasMore: false };

describe('answer size', () => {
  it('reads a streamed answer in pieces, UTF-8 split across them included', async () => {
    const bytes = encoder.encode(JSON.stringify({ ...PULL_OK, cursor: 'Zürich ✓ 😀' }));
    const cut = bytes.indexOf(0xf0) + 2; // inside the four bytes of 😀
    const { body } = stream([bytes.slice(0, cut), bytes.slice(cut)]);
    const page = await transportWith(async () => respond(200, body)).pull(null, 10);
    expect(page.cursor).toBe('Zürich ✓ 😀');
  });

  it('stops reading an endless answer at the cap and says so in plain words', async () => {
    const { body, state } = stream([], true);
    const error = await rejection(transportWith(async () => respond(200, body)).push([]));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^HQ sent an answer larger than Lantern reads \(over 1 MB\), so it was not used and nothing was changed\./);
    expect(state.cancelled).toBe(true);
    expect(state.read).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 64 * 1024);
  });

  it('refuses an answer whose declared length is over the cap without reading it', async () => {
    const { body, state } = stream([], true);
    const error = await rejection(transportWith(async () => respond(200, body, { 'Content-Length': String(MAX_ANSWER_BYTES + 1) })).fileStatus('a'.repeat(64)));
    expect(error.kind).toBe('bad-response');
    expect(state.read).toBe(0);
  });

  it('caps an answer read as text too (a fetch without a body stream)', async () => {
    const fetch: FetchLike<unknown> = async () => ({ status: 200, headers: { get: () => null }, text: async () => 'x'.repeat(MAX_ANSWER_BYTES + 1) });
    expect((await rejection(transportWith(fetch).push([]))).message).toMatch(/larger than Lantern reads/);
  });

  it('asks for smaller pull pages when a page is over the cap, so large histories still arrive', async () => {
    const limits: number[] = [];
    const fetch: FetchLike<unknown> = async (url) => {
      const limit = Number(new URL(url).searchParams.get('limit'));
      limits.push(limit);
      if (limit > 100) return respond(200, stream([], true).body);
      return respond(200, stream([encoder.encode(JSON.stringify(PULL_OK))]).body);
    };
    await expect(transportWith(fetch).pull(null, 500)).resolves.toEqual(PULL_OK);
    expect(limits).toEqual([500, 250, 125, 63]);
    expect(MAX_PULL_ANSWER_BYTES).toBeGreaterThan(MAX_ANSWER_BYTES);
  });

  it('gives up when even a single operation is over the cap', async () => {
    const limits: number[] = [];
    const fetch: FetchLike<unknown> = async (url) => {
      limits.push(Number(new URL(url).searchParams.get('limit')));
      return respond(200, stream([], true).body);
    };
    expect((await rejection(transportWith(fetch).pull(null, 4))).message).toMatch(/larger than Lantern reads \(over 32 MB\)/);
    expect(limits).toEqual([4, 2, 1]);
  });
});

describe('redirects', () => {
  it('asks fetch not to follow redirects, and a redirect names where HQ pointed', async () => {
    const inits: FetchLikeInit<unknown>[] = [];
    const fetch: FetchLike<unknown> = async (_url, init) => {
      inits.push(init);
      return respond(301, null, { Location: 'https://hq.example.org/v1/enroll' });
    };
    const error = await rejection(transportWith(fetch).enroll({ code: 'K7QM-2X9P-HT4C-M8WB', deviceId: 'dev-a', deviceName: 'Laptop 7' }));
    expect(inits[0]!.redirect).toBe('manual');
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe(
      'HQ at http://hq.example.org answered with a redirect to https://hq.example.org. Lantern does not follow redirects, so nothing was sent there; if that is HQ’s address, connect with it directly in Settings → Sync.',
    );
    // Connecting says the same, not "not a Lantern HQ".
    expect(describeConnectFailure(error, { hqUrl: 'http://hq.example.org', deviceId: 'dev-a' })).toBe(`${error.message} This device is not connected yet.`);
  });

  it('resolves a relative Location and never repeats one that is not an address', async () => {
    const relative = await rejection(transportWith(async () => respond(302, null, { Location: '/lantern/v1/sync/push' })).push([]));
    expect(relative.message).toMatch(/^HQ at http:\/\/hq\.example\.org answered with a redirect to http:\/\/hq\.example\.org\/lantern\. /);
    const junk = await rejection(transportWith(async () => respond(307, null, { Location: 'javascript:alert(1)' })).push([]));
    expect(junk.message).toMatch(/^HQ at http:\/\/hq\.example\.org answered with a redirect to another address\. Lantern does not follow redirects/);
    expect(junk.message).not.toContain('javascript');
  });

  it('a browser redirect (opaque: no status, no address) is still said to be a redirect', async () => {
    const text = vi.fn(async () => '');
    const error = await rejection(transportWith(async () => respond(0, null, {}, { type: 'opaqueredirect', text })).push([]));
    expect(error.message).toMatch(/^HQ at http:\/\/hq\.example\.org answered with a redirect to another address\./);
  });
});
