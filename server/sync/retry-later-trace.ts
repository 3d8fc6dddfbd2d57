// A device HQ answers retry-later keeps its operations and tries again, silently: HQ records it so the operator can see it.
import type { PushOpResult } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import type { DeviceRecord } from '../store/types';

/** Records the push's last retry-later code for the device; the first schema-newer from a device is logged (once per process). */
export async function noteRetryLater(ctx: RouteContext, device: DeviceRecord, results: readonly PushOpResult[], now: number): Promise<void> {
  const last = results.findLast((result) => result.status === 'retry-later');
  if (!last?.code) return;
  await ctx.store.recordRetryLater(device.id, last.code, now);
  if (results.some((result) => result.status === 'retry-later' && result.code === 'schema-newer')) {
    ctx.securityLog.once(
      `schema-newer:${device.id}`,
      `Device ${device.id} (${JSON.stringify(device.name)}) sends operations written by a newer Lantern than this HQ; they wait on the device until you update HQ.`,
    );
  }
}
