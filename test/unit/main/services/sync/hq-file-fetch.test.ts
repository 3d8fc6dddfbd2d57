// fetchHqFile against fake HTTP answers: the request it makes, the bytes it returns, and every refusal in plain words.
import { describe, expect, it, vi } from 'vitest';
import { FILE_FETCH_TIMEOUT_MS, fetchHqFile, HQ_FILE_MESSAGES, type ByteStreamLike, type FileFetchLike, type HqFileRequest } from '../../../../../main/services/sync/hq-file-fetch';
import { MAX_FETCHED_FILE_BYTES } from '../../../../../shared/ipc/schemas/sync';
import { revokedMessage, SYNC_ERROR_MESSAGES } from '../../../../../shared/sync/engine/sync-error';
import { ManualTimers } from './support';

const SHA = 'ab'.repeat(32);
const TOKEN = `token-${'t'.repeat(40)}`;

function request(fetch: FileFetchLike, overrides: Partial<HqFileRequest> = {}) {
  const timers = new ManualTimers();
  const cancel = new AbortController();
  const input: HqFileRequest = { fetch, timers, hqUrl: 'https://hq.example.org/', token: TOKEN, deviceId: 'dev-a', sha256: SHA, cancel: cancel.signal, ...overrides };
  return { input, timers, cancel };
}

const answer = (status: number, body: ConstructorParameters<typeof Response>[0], headers: Record<string, string> = {}) => async () => new Response(body, { status, headers });

/** A body in the given chunks; records whether it was cancelled. */
function chunked(chunks: Uint8Array[]) {
  const state = { reads: 0, cancelled: false };
  const body: ByteStreamLike = {
    getReader: () => ({
      read: async () => {
        const value = chunks[state.reads++];
        return value ? { done: false, value } : { done: true };
      },
      cancel: async () => void (state.cancelled = true),
    }),
  };
  return { body, state };
}

describe('fetchHqFile: the request', () => {
  it('GETs the file’s content path with the device token and the protocol header, and returns exactly its bytes', async () => {
    const fetch = vi.fn<FileFetchLike>(answer(200, new Uint8Array([9, 8, 7]), { 'Content-Length': '3' }));
    const { input } = request(fetch);
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: true, bytes: new Uint8Array([9, 8, 7]) });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`https://hq.example.org/v1/files/${SHA}/content`);
    expect(init.method).toBe('GET');
    expect(init.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, 'Lantern-Protocol': '2' });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('joins chunks into one exact-size array (a clone of a view would carry its whole buffer across IPC)', async () => {
    const slab = new Uint8Array(4096).fill(7);
    const { body } = chunked([slab.subarray(10, 12), slab.subarray(100, 101)]);
    const { input } = request(async () => ({ status: 200, headers: new Headers(), body }));
    const result = await fetchHqFile(input);
    if (!result.ok) throw new Error(result.message);
    expect(result.bytes).toEqual(new Uint8Array([7, 7, 7]));
    expect(result.bytes.byteOffset).toBe(0);
    expect(result.bytes.buffer.byteLength).toBe(3);
  });

  it('sends nothing for a name that is not a lower-case SHA-256', async () => {
    const fetch = vi.fn<FileFetchLike>(answer(200, 'x'));
    for (const sha256 of ['../../etc/passwd', SHA.toUpperCase(), `${SHA}/x`, '']) {
      await expect(fetchHqFile(request(fetch, { sha256 }).input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.badName });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('fetchHqFile: refusals', () => {
  it('404: HQ does not hold the file (yet)', async () => {
    const { input } = request(answer(404, JSON.stringify({ error: 'not-found', message: 'HQ does not have this whole file (yet).' })));
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.notAtHq });
  });

  it('a revoked device is told to ask for a re-enrollment code for its id', async () => {
    const { input } = request(answer(403, JSON.stringify({ error: 'device-revoked', message: 'HQ internal words' })));
    const result = await fetchHqFile(input);
    expect(result).toEqual({ ok: false, message: `The file was not fetched. ${revokedMessage('dev-a')}` });
    expect(JSON.stringify(result)).not.toContain('HQ internal words');
  });

  it('a token HQ no longer accepts asks for a new enrollment', async () => {
    const { input } = request(answer(401, JSON.stringify({ error: 'unauthorized', message: 'Unknown token.' })));
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: `The file was not fetched. ${SYNC_ERROR_MESSAGES.unauthorized}` });
  });

  it.each([
    ['a server error', 500, JSON.stringify({ error: 'internal', message: 'stack trace here' })],
    ['rate limiting', 429, JSON.stringify({ error: 'rate-limited', message: 'slow down' })],
    ['a proxy’s HTML page', 502, '<html>Bad gateway</html>'],
    ['a huge hostile body', 400, `{"error":"x","message":"${'<script>'.repeat(100_000)}"}`],
  ])('%s: try again later, without HQ’s text', async (_label, status, body) => {
    const { input } = request(answer(status, body));
    const result = await fetchHqFile(input);
    expect(result).toEqual({ ok: false, message: HQ_FILE_MESSAGES.failed });
  });

  it('HQ unreachable: the fetch itself fails', async () => {
    const { input } = request(async () => {
      throw new TypeError('net::ERR_CONNECTION_REFUSED');
    });
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.offline });
  });

  it('the connection breaks while the bytes arrive', async () => {
    const body: ByteStreamLike = {
      getReader: () => ({
        read: async () => {
          throw new TypeError('net::ERR_CONNECTION_RESET');
        },
        cancel: async () => undefined,
      }),
    };
    const { input } = request(async () => ({ status: 200, headers: new Headers(), body }));
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.offline });
  });
});

describe('fetchHqFile: the size limit', () => {
  it('refuses a declared size over the limit without reading the body', async () => {
    const { body, state } = chunked([new Uint8Array(1)]);
    const { input } = request(async () => ({ status: 200, headers: new Headers({ 'Content-Length': String(MAX_FETCHED_FILE_BYTES + 1) }), body }));
    const result = await fetchHqFile(input);
    expect(result).toEqual({ ok: false, message: HQ_FILE_MESSAGES.tooBig(MAX_FETCHED_FILE_BYTES + 1) });
    expect(result.ok ? '' : result.message).toMatch(/25 MB/);
    expect(state.reads).toBe(0);
  });

  it('stops reading an undeclared body once it passes the limit', async () => {
    const mib = new Uint8Array(1024 * 1024);
    const chunks = Array.from({ length: 200 }, () => mib);
    const { body, state } = chunked(chunks);
    const { input } = request(async () => ({ status: 200, headers: new Headers(), body }));
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.tooBig(null) });
    expect(state.cancelled).toBe(true);
    expect(state.reads).toBe(MAX_FETCHED_FILE_BYTES / mib.byteLength + 1);
  });

  it('takes a file of exactly the limit', async () => {
    const { body } = chunked([new Uint8Array(MAX_FETCHED_FILE_BYTES)]);
    const { input } = request(async () => ({ status: 200, headers: new Headers({ 'Content-Length': String(MAX_FETCHED_FILE_BYTES) }), body }));
    const result = await fetchHqFile(input);
    expect(result.ok && result.bytes.byteLength).toBe(MAX_FETCHED_FILE_BYTES);
  });
});

describe('fetchHqFile: deadline and disconnect', () => {
  it('gives up at its deadline and aborts the request', async () => {
    const signals: AbortSignal[] = [];
    const { input, timers } = request((_url, init) => {
      signals.push(init.signal);
      return new Promise(() => undefined);
    });
    const pending = fetchHqFile(input);
    await Promise.resolve();
    timers.advance(FILE_FETCH_TIMEOUT_MS);
    await expect(pending).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.timeout });
    expect(signals[0]?.aborted).toBe(true);
    expect(timers.pending.size).toBe(0);
  });

  it('stops when the device disconnects meanwhile, and sends nothing once it has', async () => {
    const fetch = vi.fn<FileFetchLike>(() => new Promise(() => undefined));
    const { input, cancel, timers } = request(fetch);
    const pending = fetchHqFile(input);
    await Promise.resolve();
    cancel.abort();
    await expect(pending).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.cancelled });
    expect(fetch.mock.calls[0]?.[1].signal.aborted).toBe(true);
    expect(timers.pending.size).toBe(0);
    await expect(fetchHqFile(input)).resolves.toEqual({ ok: false, message: HQ_FILE_MESSAGES.cancelled });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
