// createFetchTransport: request shape, schema-checked answers, HQ error codes → SyncError kinds, offline and timeouts.
import { describe, expect, it, vi } from 'vitest';
import { createFetchTransport, revokedMessage, SyncError, SYNC_ERROR_MESSAGES, type FetchLike, type FetchLikeInit, type SyncErrorKind } from '../../../../../shared/sync/engine';
import { PROTOCOL_MESSAGES, PROTOCOL_VERSION } from '../../../../../shared/sync/wire';
import { rejection } from '../support/sync-rejection';

interface Call {
  url: string;
  init: FetchLikeInit<unknown>;
}

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Call[] = [];
  const fetch: FetchLike<unknown> = async (url, init) => {
    calls.push({ url, init });
    return { status, headers: { get: (name) => headers[name] ?? null }, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
  return { calls, fetch };
}

function transportWith(fetch: FetchLike<unknown>, extra: Partial<Parameters<typeof createFetchTransport<unknown>>[0]> = {}) {
  return createFetchTransport<unknown>({ baseUrl: 'https://hq.example.org/', token: 'secret-token', deviceId: 'dev-a', fetch, timers: { setTimeout, clearTimeout }, now: () => 1234, ...extra });
}

const PULL_OK = { hqId: 'hq', epoch: 'e1', serverTime: 5, ops: [], cursor: 'c1', hasMore: false };

describe('requests', () => {
  it('pushes with token, protocol header, JSON body naming the device and its clock', async () => {
    const { calls, fetch } = answering(200, { hqId: 'hq', epoch: 'e1', serverTime: 5, results: [] });
    const answer = await transportWith(fetch).push([]);
    expect(answer).toEqual({ hqId: 'hq', epoch: 'e1', serverTime: 5, results: [] });
    expect(calls[0]!.url).toBe('https://hq.example.org/v1/sync/push');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: 'Bearer secret-token', 'Lantern-Protocol': String(PROTOCOL_VERSION), 'Content-Type': 'application/json' });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ protocolVersion: PROTOCOL_VERSION, deviceId: 'dev-a', ops: [], deviceTime: 1234 });
  });

  it('sends the operations as given JSON text when the engine serialized them already, and serializes them itself otherwise', async () => {
    const { calls, fetch } = answering(200, { hqId: 'hq', epoch: 'e1', serverTime: 5, results: [] });
    const transport = transportWith(fetch);
    // Stand-ins: the transport passes operations through without looking inside.
    const ops = [{ opId: 'op-1', text: 'Ünïcode "quoted" \\ and \u2028' }, { opId: 'op-2' }] as unknown as Parameters<typeof transport.push>[0];
    await transport.push(ops, JSON.stringify(ops));
    await transport.push(ops);
    for (const call of calls) expect(JSON.parse(call.init.body as string)).toEqual({ protocolVersion: PROTOCOL_VERSION, deviceId: 'dev-a', ops, deviceTime: 1234 });
    expect(calls[0]!.init.body).toBe(calls[1]!.init.body);
  });

  it('pulls with an encoded cursor and a limit, and without a cursor from the start', async () => {
    const { calls, fetch } = answering(200, PULL_OK);
    const transport = transportWith(fetch);
    await transport.pull('a b&c', 250);
    await transport.pull(null, 500);
    expect(calls.map((c) => c.url)).toEqual(['https://hq.example.org/v1/sync/pull?cursor=a%20b%26c&limit=250', 'https://hq.example.org/v1/sync/pull?limit=500']);
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.body).toBeUndefined();
  });

  it('enrolls without a token, sending its protocol version', async () => {
    const { calls, fetch } = answering(200, { deviceToken: 't'.repeat(40), deviceId: 'dev-a', hqId: 'hq', epoch: 'e1', serverTime: 5 });
    await transportWith(fetch, { token: null }).enroll({ code: 'K7QM-2X9P', deviceId: 'dev-a', deviceName: 'Laptop 7' });
    expect(calls[0]!.init.headers.Authorization).toBeUndefined();
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ code: 'K7QM-2X9P', deviceId: 'dev-a', deviceName: 'Laptop 7', protocolVersion: PROTOCOL_VERSION });
  });

  it('uploads a chunk as bytes with offset and size', async () => {
    const { calls, fetch } = answering(200, { sha256: 'a'.repeat(64), size: 10, received: 3, complete: false });
    await transportWith(fetch).uploadChunk({ sha256: 'a'.repeat(64), offset: 0, size: 10, bytes: new Uint8Array([1, 2, 3]) });
    expect(calls[0]!.url).toBe(`https://hq.example.org/v1/files/${'a'.repeat(64)}?offset=0&size=10`);
    expect(calls[0]!.init).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' } });
    expect([...(calls[0]!.init.body as Uint8Array)]).toEqual([1, 2, 3]);
  });
});

describe('answers', () => {
  it.each<[string, number, unknown, SyncErrorKind]>([
    ['unknown token', 401, { error: 'unauthorized', message: 'no' }, 'unauthorized'],
    ['revoked device', 403, { error: 'device-revoked', message: 'no' }, 'revoked'],
    ['pushing as another device', 403, { error: 'forbidden', message: 'no' }, 'unauthorized'],
    ['HQ older than the device', 426, { error: 'client-newer', message: 'x' }, 'client-newer'],
    ['device older than HQ', 426, { error: 'client-outdated', message: 'x' }, 'client-outdated'],
    ['426 without a code, HQ too old', 426, { error: 'x', message: 'x', supported: { min: 0, max: 0 } }, 'client-newer'],
    ['426 without a body', 426, '', 'client-outdated'],
    ['new epoch', 409, { error: 'epoch-changed', message: 'x', epoch: 'e2' }, 'epoch-changed'],
    ['a cursor HQ does not know', 400, { error: 'invalid-cursor', message: 'x' }, 'epoch-changed'],
    ['rate limit', 429, { error: 'rate-limited', message: 'x', retryAfterSeconds: 3 }, 'rate-limited'],
    ['internal error', 500, { error: 'internal', message: 'x' }, 'server-error'],
    ['gateway error page', 502, '<html>Bad gateway</html>', 'server-error'],
    ['not HQ at all', 404, '<html>Not found</html>', 'bad-response'],
    ['a refused request', 400, { error: 'invalid-request', message: 'x' }, 'bad-response'],
    ['200 with HTML', 200, '<html>captive portal</html>', 'bad-response'],
    ['200 with the wrong shape', 200, { ops: 'none' }, 'bad-response'],
  ])('%s → %s', async (_name, status, body, kind) => {
    const { fetch } = answering(status, body);
    const error = await transportWith(fetch).pull(null, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe(kind);
    expect((error as SyncError).details.status).toBe(status);
  });

  it('keeps HQ details the engine needs: new epoch, retry delay (body or header), protocol range', async () => {
    const epoch = await rejection(transportWith(answering(409, { error: 'epoch-changed', message: 'x', epoch: 'e2' }).fetch).pull('c', 1));
    expect(epoch.details.epoch).toBe('e2');
    const header = await rejection(transportWith(answering(429, '', { 'Retry-After': '12' }).fetch).pull('c', 1));
    expect(header.details.retryAfterMs).toBe(12_000);
    const range = await rejection(transportWith(answering(426, { error: 'client-outdated', message: 'x', supported: { min: 2, max: 3 } }).fetch).pull('c', 1));
    expect(range.details.supported).toEqual({ min: 2, max: 3 });
  });

  it('speaks in plain words of its own, not HQ’s', async () => {
    const newer = await rejection(transportWith(answering(426, { error: 'client-newer', message: 'internal jargon' }).fetch).pull(null, 1));
    expect(newer.message).toBe(PROTOCOL_MESSAGES['client-newer']);
    const enrollment = await rejection(transportWith(answering(401, { error: 'enrollment-invalid', message: 'x' }).fetch, { token: null })
      .enroll({ code: 'K7QM-2X9P', deviceId: 'dev-a', deviceName: 'Laptop' }));
    expect(enrollment.kind).toBe('unauthorized');
    expect(enrollment.message).toMatch(/enrollment code/);
    for (const message of Object.values(SYNC_ERROR_MESSAGES)) expect(message.length).toBeGreaterThan(30);
  });

  it('tells a revoked device which id needs a re-enrollment code (an ordinary code is refused)', async () => {
    const revoked = await rejection(transportWith(answering(403, { error: 'device-revoked', message: 'no' }).fetch).pull(null, 1));
    expect(revoked.kind).toBe('revoked');
    expect(revoked.message).toBe(revokedMessage('dev-a'));
    expect(revoked.message).toMatch(/re-enrollment code for device dev-a.*Settings → Sync/s);
    expect(SYNC_ERROR_MESSAGES.revoked).toMatch(/re-enrollment code for this device \(its device id is shown in Settings → Sync\)/);
  });

  it('a network failure is "offline", also when the connection breaks while the answer arrives', async () => {
    const down: FetchLike<unknown> = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(transportWith(down).pull(null, 1)).rejects.toMatchObject({ kind: 'offline' });
    const cut: FetchLike<unknown> = async () => ({ status: 200, headers: { get: () => null }, text: async () => Promise.reject(new Error('socket hang up')) });
    await expect(transportWith(cut).pull(null, 1)).rejects.toMatchObject({ kind: 'offline' });
  });

  it('times out a request that never answers and aborts it', async () => {
    vi.useFakeTimers();
    try {
      const abort = vi.fn();
      const hanging: FetchLike<unknown> = () => new Promise(() => {});
      const pending = transportWith(hanging, { timeoutMs: 5_000, createAbortController: () => ({ signal: 'sig', abort }) }).pull(null, 1);
      const settled = pending.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(abort).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(await settled).toMatchObject({ kind: 'timeout' });
      expect(abort).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes the abort signal to fetch and clears its timer after an answer', async () => {
    const { calls, fetch } = answering(200, PULL_OK);
    const clearTimeout = vi.fn();
    await transportWith(fetch, { timers: { setTimeout: () => 42, clearTimeout }, createAbortController: () => ({ signal: 'the-signal', abort: () => {} }) }).pull(null, 1);
    expect(calls[0]!.init.signal).toBe('the-signal');
    expect(clearTimeout).toHaveBeenCalledWith(42);
  });

  it('accepts the platform fetch and AbortController as they are (type check)', () => {
    const transport = createFetchTransport({
      baseUrl: 'http://127.0.0.1:1',
      token: 't',
      deviceId: 'dev-a',
      fetch,
      createAbortController: () => new AbortController(),
      timers: { setTimeout, clearTimeout },
    });
    expect(typeof transport.push).toBe('function');
  });
});
