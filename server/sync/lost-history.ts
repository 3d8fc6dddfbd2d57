// Noticing that HQ lost history it had confirmed (restored from a backup, nobody started a new epoch) and starting one.
import { HqError } from '../http/hq-error';
import type { DeviceRecord, HqMeta, HqStore } from '../store/types';

const LOST_HISTORY_MESSAGE =
  'HQ has lost operations it had already confirmed (it was restored from a backup) and has started a new epoch. This device sends everything again and pulls from the start; nothing needs to be done by hand.';

/**
 * Both signs of lost history (below) mean HQ would hand out sequence numbers the devices' cursors have already
 * passed (they would skip those operations for good) and answer the devices' next operations "gap" forever. A new
 * epoch makes every device send its history again and pull from the start.
 *
 * A restore means a restart, so one HQ process starts at most one epoch of its own: a device that claims too much by
 * mistake or on purpose cannot make the whole fleet start over again and again. Later signs are logged, not acted on
 * (the administrator can still run new-epoch).
 */
export class LostHistoryGuard {
  private started = false;

  constructor(
    private readonly store: Pick<HqStore, 'meta' | 'bumpEpochFrom'>,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  /**
   * A push with nothing of its device ahead of it on the way says HQ answered every operation of the device below
   * `firstSeq` in `answeredIn`; HQ's own count for the device is lower.
   */
  async checkPush(device: DeviceRecord, firstSeq: number | null, answeredIn: string | undefined): Promise<void> {
    if (answeredIn === undefined || firstSeq === null || firstSeq <= device.lastSeq + 1) return;
    const meta = await this.store.meta();
    // Answered in an earlier epoch: the push answer tells the device of this one, and it starts over anyway.
    if (meta.epoch !== answeredIn) return;
    await this.startEpoch(meta, `device ${device.id} had operations up to ${firstSeq - 1} confirmed; HQ holds up to ${device.lastSeq}`);
  }

  /** A pull cursor HQ made points past the last sequence number HQ holds. */
  async checkPull(meta: HqMeta, cursorSeq: number, deviceId: string): Promise<void> {
    if (cursorSeq <= meta.lastSeq) return;
    await this.startEpoch(meta, `device ${deviceId} pulled up to ${cursorSeq}; HQ holds up to ${meta.lastSeq}`);
  }

  private async startEpoch(meta: HqMeta, why: string): Promise<void> {
    if (this.started) {
      this.warn(`Lantern HQ: ${why}, but this HQ process already started one epoch of its own; if HQ was restored again, run new-epoch.`);
      return;
    }
    this.started = true;
    // Compare-and-set: many devices noticing the same loss at once make one new epoch.
    const epoch = await this.store.bumpEpochFrom(meta.epoch);
    this.warn(`Lantern HQ: history was lost (${why}; restored from a backup without new-epoch?). Epoch is now ${epoch}; devices send everything again.`);
    throw new HqError('epoch-changed', LOST_HISTORY_MESSAGE, { epoch });
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
