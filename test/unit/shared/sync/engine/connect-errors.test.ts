// Connect's own words (both hosts): unreachable, name not found, not an HQ, revoked; none promises a sync that will not happen.
import { describe, expect, it } from 'vitest';
import {
  CONNECT_FAILURE_MESSAGES,
  CONNECT_OUTCOME,
  createFetchTransport,
  describeConnectFailure,
  revokedAtConnect,
  SyncError,
  type FetchLike,
} from '../../../../../shared/sync/engine';
import { PROTOCOL_MESSAGES } from '../../../../../shared/sync/wire';

const HQ = 'https://hq.example.org:8443';
const target = { hqUrl: HQ, deviceId: 'dev-a' };

/** Enrolls through the real transport against `fetch` and returns the failure. */
async function enrollFailure(fetch: FetchLike<unknown>): Promise<SyncError> {
  const transport = createFetchTransport({ baseUrl: HQ, token: null, deviceId: 'dev-a', fetch, timers: { setTimeout: () => 0, clearTimeout: () => undefined } });
  const error = await transport.enroll({ code: 'K7QM-2X9P-HT4C-M8WB', deviceId: 'dev-a', deviceName: 'Laptop 7' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

const answering =
  (status: number, body: unknown): FetchLike<unknown> =>
  async () => ({ status, headers: { get: () => null }, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) });
const failing =
  (error: unknown): FetchLike<unknown> =>
  async () => {
    throw error;
  };

describe('describeConnectFailure', () => {
  it('in a browser page, unreachable also says HQ must allow this page (a refused origin looks like a network failure there)', async () => {
    const error = await enrollFailure(failing(new TypeError('Failed to fetch')));
    const message = describeConnectFailure(error, { ...target, pageOrigin: 'http://127.0.0.1:5199' });
    expect(message).toBe(
      `Could not reach HQ at ${HQ}. Check the address, or try again when this computer has a connection. ` +
        'If HQ is running, it must also be started with --allow-origin http://127.0.0.1:5199 to accept this page. This device is not connected yet.',
    );
  });

  it('HQ unreachable (refused, a page’s "Failed to fetch"): names the address, promises nothing', async () => {
    const message = describeConnectFailure(await enrollFailure(failing(new TypeError('Failed to fetch'))), target);
    expect(message).toBe(`Could not reach HQ at ${HQ}. Check the address, or try again when this computer has a connection. This device is not connected yet.`);
    // Node's fetch: "fetch failed" with ECONNREFUSED a level down.
    const node = await enrollFailure(failing(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })));
    expect(describeConnectFailure(node, target)).toBe(message);
  });

  it('a server name that does not resolve is said to be not found (when the host can tell)', async () => {
    const electron = await enrollFailure(failing(new Error('net::ERR_NAME_NOT_RESOLVED')));
    expect(describeConnectFailure(electron, target)).toBe(`${CONNECT_FAILURE_MESSAGES.nameNotFound(HQ, 'hq.example.org')} ${CONNECT_OUTCOME.notConnected}`);
    const node = await enrollFailure(failing(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND hq.example.org'), { code: 'ENOTFOUND' }) })));
    expect(describeConnectFailure(node, target)).toMatch(/^The server name hq\.example\.org was not found/);
  });

  it.each([
    ['a web page', 404, '<html>Not found</html>'],
    ['another app’s JSON', 200, { hello: 'world' }],
    ['a login in front of it', 401, '<html>Sign in</html>'],
    ['HQ’s own "no such path" (a path too many)', 404, { error: 'not-found', message: 'No such endpoint.' }],
  ])('an address that answers but is not an HQ (%s)', async (_name, status, body) => {
    const message = describeConnectFailure(await enrollFailure(answering(status, body)), target);
    expect(message).toBe(`${HQ} answered, but not as a Lantern HQ. Check the address (and port) with your HQ administrator. This device is not connected yet.`);
  });

  it('no connect message promises a retry or a sync later', async () => {
    const failures = await Promise.all([
      enrollFailure(failing(new TypeError('Failed to fetch'))),
      enrollFailure(answering(500, { error: 'internal', message: 'x' })),
      enrollFailure(answering(502, '<html>Bad gateway</html>')),
      enrollFailure(answering(429, { error: 'rate-limited', message: 'x' })),
      enrollFailure(answering(400, { error: 'invalid-request', message: 'x' })),
      enrollFailure(answering(401, { error: 'enrollment-invalid', message: 'x' })),
      enrollFailure(answering(403, { error: 'origin-not-allowed', message: 'x' })),
    ]);
    for (const error of failures) {
      const message = describeConnectFailure(error, target);
      expect(message).not.toMatch(/syncs when|will try|try again later|Lantern tries/);
      expect(message).toMatch(/This device is not connected yet\.$/);
    }
  });

  it('a device that keeps an earlier connection is told nothing changed, not that it is not connected', async () => {
    const error = await enrollFailure(failing(new TypeError('Failed to fetch')));
    expect(describeConnectFailure(error, { ...target, hasConnection: true })).toBe(`${CONNECT_FAILURE_MESSAGES.unreachable(HQ)} ${CONNECT_OUTCOME.unchanged}`);
  });

  it('a revoked device with an ordinary code (403 device-revoked) is told which id needs a re-enrollment code', async () => {
    const error = await enrollFailure(answering(403, { error: 'device-revoked', message: 'HQ has revoked access for this device.' }));
    const message = describeConnectFailure(error, target);
    expect(message).toBe(revokedAtConnect('dev-a'));
    expect(message).toMatch(/re-enrollment code for device dev-a/);
    expect(message).toMatch(/code was not used up/);
  });

  it('keeps the engine’s words for a version mismatch', async () => {
    const error = await enrollFailure(answering(426, { error: 'client-outdated', message: 'x', supported: { min: 9, max: 9 } }));
    expect(describeConnectFailure(error, target)).toBe(PROTOCOL_MESSAGES['client-outdated']);
  });
});
