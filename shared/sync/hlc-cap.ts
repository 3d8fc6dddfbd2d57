// HQ's cap for future-dated stamps: a laptop whose clock runs ahead cannot win every later conflict.
import { formatHlc, parseHlc } from '../domain';
import { MAX_FUTURE_HLC_MS } from './wire';

/**
 * The stamp HQ stores instead of `original` when it is more than MAX_FUTURE_HLC_MS ahead of HQ's clock;
 * null when it is not. The result keeps the device's node and sorts after every `floor`, which must hold
 * the device's previous stamp at HQ (its operations keep their order) AND every stamp HQ holds for the
 * operation's incident: the device decided locally with its far-future stamp, so its change beat
 * everything it had seen. A cap below a stamp it had seen would make the change lose at HQ while it won
 * on the device, and the device would never hear about it (it already holds the other value's stamp).
 */
export function capFutureStamp(original: string, hqNowMs: number, floors: readonly (string | null | undefined)[]): string | null {
  const parsed = parseHlc(original);
  if (parsed.wallMs <= hqNowMs + MAX_FUTURE_HLC_MS) return null;
  let wallMs = Math.floor(hqNowMs);
  let counter = 0;
  for (const floor of floors) {
    if (floor === null || floor === undefined) continue;
    const f = parseHlc(floor);
    if (f.wallMs > wallMs || (f.wallMs === wallMs && f.counter >= counter)) {
      wallMs = f.wallMs;
      counter = f.counter + 1;
      if (counter > 0xffff) {
        wallMs += 1;
        counter = 0;
      }
    }
  }
  return formatHlc({ wallMs, counter, node: parsed.node });
}
