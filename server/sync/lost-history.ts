// Noticing that HQ lost history it had confirmed (restored from a backup, nobody started a new epoch) and starting one.
import { HqError } from '../http/hq-error';
import type { DeviceRecord, HqMeta, HqStore } from '../store/types';

const LOST_HISTORY_MESSAGE =
  'HQ has lost operations it had already confirmed (it was restored from a backup) and has started a new epoch. This device sends everything again and pulls from the start; nothing needs to be done by hand.';
const UNPROVEN_CLAIM_MESSAGE =
  'HQ does not hold all the operations this device says HQ confirmed. This device sends everything it holds again and pulls from the start; nothing needs to be done by hand.';

/** Devices with an unproven claim remembered at once (a bound, so claims cannot grow HQ's memory without end). */
const MAX_REMEMBERED_CLAIMS = 10_000;

/**
 * Signs of lost history mean HQ would hand out sequence numbers the devices' cursors have already passed (they would
 * skip those operations for good) and answer the devices' next operations "gap" forever. A new epoch makes every
 * device send its history again and pull from the start.
 *
 * Only proof HQ made itself starts an epoch for the whole fleet: a signed pull cursor (server/sync/cursor.ts) past the
 * last sequence number HQ holds, or an admin's change mark. A push's `answeredBelowIn` is a device's word about itself
 * that HQ never signed (any enrolled device could send a high deviceSeq with it), so it is remembered, not acted on:
 * the same device's next pull either shows a signed cursor that proves the loss (a new epoch for all), or is answered
 * epoch-changed in the current epoch, which makes that device alone send everything again and pull from the start
 * (healing its own lost operations; harmless if the claim was false). Claims are kept in this process's memory: with
 * several HQ instances, a pull served by another instance finds none and the device claims again on its next push.
 *
 * A restore means a restart, so one HQ process starts at most one epoch of its own: later signs are logged, not acted
 * on (the administrator can still run new-epoch).
 */
export class LostHistoryGuard {
  private started = false;
  /** deviceId → the epoch in which it claimed HQ had confirmed more of its operations than HQ holds. */
  private readonly unprovenClaims = new Map<string, string>();

  constructor(
    private readonly store: Pick<HqStore, 'meta' | 'bumpEpochFrom'>,
    // Timestamped like HQ's other log lines, so the operator can tell when history was lost.
    private readonly warn: (message: string) => void = (message) => console.warn(`${new Date().toISOString()} ${message}`),
  ) {}

  /**
   * A push with nothing of its device ahead of it on the way says HQ answered every operation of the device below
   * `firstSeq` in `answeredIn`. When HQ's own count for the device is lower, the claim is remembered for the device's
   * next pull; the push itself goes on (the operations after the hole are answered "gap").
   */
  async checkPush(device: DeviceRecord, firstSeq: number | null, answeredIn: string | undefined): Promise<void> {
    if (answeredIn === undefined || firstSeq === null || firstSeq <= device.lastSeq + 1) return;
    const meta = await this.store.meta();
    // Answered in an earlier epoch: the push answer tells the device of this one, and it starts over anyway.
    if (meta.epoch !== answeredIn) return;
    if (this.unprovenClaims.size >= MAX_REMEMBERED_CLAIMS && !this.unprovenClaims.has(device.id)) this.unprovenClaims.delete(this.unprovenClaims.keys().next().value!);
    this.unprovenClaims.set(device.id, meta.epoch);
    this.warn(
      `Lantern HQ: device ${device.id} says HQ confirmed its operations up to ${firstSeq - 1}; HQ holds up to ${device.lastSeq}. If HQ was restored from a backup, run new-epoch; this device will send everything again.`,
    );
  }

  /**
   * A pull: `cursorSeq` from a cursor HQ signed (null: no cursor, or one that proves nothing). A signed cursor past
   * HQ's last sequence number starts a new epoch for all; otherwise a remembered claim of this device makes it alone
   * start over.
   */
  async checkPull(meta: HqMeta, cursorSeq: number | null, deviceId: string): Promise<void> {
    if (cursorSeq !== null && cursorSeq > meta.lastSeq) {
      const epoch = await this.startEpoch(meta, `device ${deviceId} pulled up to ${cursorSeq}; HQ holds up to ${meta.lastSeq}`);
      this.unprovenClaims.clear();
      throw new HqError('epoch-changed', LOST_HISTORY_MESSAGE, { epoch });
    }
    const claimedIn = this.unprovenClaims.get(deviceId);
    if (claimedIn === undefined) return;
    this.unprovenClaims.delete(deviceId);
    if (claimedIn === meta.epoch) throw new HqError('epoch-changed', UNPROVEN_CLAIM_MESSAGE, { epoch: meta.epoch });
  }

  /**
   * An integration's change mark (admin token) past HQ's last sequence number: HQ lost history. Returns the epoch in
   * force afterwards (a new one, unless this process already started one).
   */
  async checkChangeMark(meta: HqMeta, markSeq: number): Promise<string> {
    return this.startEpoch(meta, `an integration's change mark is at ${markSeq}; HQ holds up to ${meta.lastSeq}`);
  }

  private async startEpoch(meta: HqMeta, why: string): Promise<string> {
    if (this.started) {
      this.warn(`Lantern HQ: ${why}, but this HQ process already started one epoch of its own; if HQ was restored again, run new-epoch.`);
      return (await this.store.meta()).epoch;
    }
    this.started = true;
    // Compare-and-set: many devices noticing the same loss at once make one new epoch.
    const epoch = await this.store.bumpEpochFrom(meta.epoch);
    this.warn(`Lantern HQ: history was lost (${why}; restored from a backup without new-epoch?). Epoch is now ${epoch}; devices send everything again.`);
    return epoch;
  }
}

/** The lowest deviceSeq among a push's operations of this device (bodies are checked one by one later). */
export function lowestOwnSeq(ops: readonly unknown[], deviceId: string): number | null {
  let lowest: number | null = null;
  for (const op of ops) {
    if (typeof op !== 'object' || op === null) continue;
    const { deviceId: owner, deviceSeq } = op as { deviceId?: unknown; deviceSeq?: unknown };
    if (owner !== deviceId || typeof deviceSeq !== 'number' || !Number.isSafeInteger(deviceSeq)) continue;
    if (lowest === null || deviceSeq < lowest) lowest = deviceSeq;
  }
  return lowest;
}
