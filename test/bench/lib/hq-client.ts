// A Node device's push to HQ over HTTP (fetch, keep-alive), with the protocol header; checks every result.
import type { Operation } from '../../../shared/sync/operation';
import { HQ_PATHS, PROTOCOL_HEADER, PROTOCOL_VERSION, pushResponseSchema } from '../../../shared/sync/wire';

/** The request body of a push, serialised (so load tests can prepare it before the clock starts). */
export function pushBody(deviceId: string, ops: readonly Operation[]): string {
  return JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, ops });
}

/** POSTs a prepared push body; resolves with how many operations HQ applied, throws unless all were applied. */
export async function pushPrepared(hqUrl: string, token: string, body: string, expected: number): Promise<number> {
  const response = await fetch(`${hqUrl}${HQ_PATHS.push}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`push answered ${response.status}: ${text.slice(0, 300)}`);
  const parsed = pushResponseSchema.parse(JSON.parse(text));
  const applied = parsed.results.filter((r) => r.status === 'applied').length;
  if (applied !== expected) throw new Error(`HQ applied ${applied} of ${expected}: ${JSON.stringify(parsed.results.find((r) => r.status !== 'applied'))}`);
  return applied;
}

export function pushDirect(hqUrl: string, token: string, deviceId: string, ops: readonly Operation[]): Promise<number> {
  return pushPrepared(hqUrl, token, pushBody(deviceId, ops), ops.length);
}
