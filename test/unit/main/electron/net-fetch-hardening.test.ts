// createNetFetch under the sync transport: no redirect is followed with the token, and answers are read up to the cap.
import { describe, expect, it } from 'vitest';
import { createNetFetch, type NetFetchLike } from '../../../../main/electron/net-fetch-adapter';
import { createFetchTransport } from '../../../../shared/sync/engine';
import { ManualTimers } from '../services/sync/support';
import { rejection } from '../../shared/sync/support/sync-rejection';

function transportOver(net: NetFetchLike, timers = new ManualTimers()) {
  return createFetchTransport<AbortSignal>({
    baseUrl: 'http://hq.example.org',
    token: 'secret-token',
    deviceId: 'dev-a',
    fetch: createNetFetch(net, { timers }),
    timers: { setTimeout, clearTimeout },
    createAbortController: () => new AbortController(),
  });
}

describe('createNetFetch hardening', () => {
  it('tells net.fetch never to follow a redirect, and its refusal becomes the redirect message', async () => {
    const inits: Parameters<NetFetchLike['fetch']>[1][] = [];
    const net: NetFetchLike = {
      fetch: async (_url, init) => {
        inits.push(init);
        // What Electron's net.fetch rejects with when redirect is 'error' and HQ answers 301.
        throw new Error("Attempted to redirect, but redirect policy was 'error'");
      },
    };
    const error = await rejection(transportOver(net).push([]));
    expect(inits[0]!.redirect).toBe('error');
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^HQ at http:\/\/hq\.example\.org answered with a redirect to another address\. Lantern does not follow redirects/);
  });

  it('other network failures stay "offline"', async () => {
    const net: NetFetchLike = { fetch: async () => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED')) };
    expect((await rejection(transportOver(net).push([]))).kind).toBe('offline');
  });

  it('hands the body stream over, so an endless answer is cut at the cap and its deadline cleared', async () => {
    const timers = new ManualTimers();
    let cancelled = false;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const net: NetFetchLike = { fetch: async () => new Response(body, { status: 200 }) };
    const error = await rejection(transportOver(net, timers).push([]));
    expect(error.message).toMatch(/larger than Lantern reads/);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    expect(timers.pending.size).toBe(0);
  });

  it('reads a normal answer through the stream and clears its deadline', async () => {
    const timers = new ManualTimers();
    const answer = { hqId: 'hq', epoch: 'e1', serverTime: 5, results: [] };
    const net: NetFetchLike = { fetch: async () => new Response(JSON.stringify(answer), { status: 200 }) };
    await expect(transportOver(net, timers).push([])).resolves.toEqual(answer);
    expect(timers.pending.size).toBe(0);
  });
});
