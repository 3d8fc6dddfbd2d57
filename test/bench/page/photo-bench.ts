// Benchmark "save-5mb-photo": prepareAttachment + recordCapture of an incident with a 5 MB photo vs one raw strict put of the Blob.
import { ensureDevice, openLanternDb, systemClock } from '../../../renderer/db';
import { prepareAttachment } from '../../../renderer/db/attachments';
import { recordCapture } from '../../../renderer/db/attachments-record';
import type { PairedRuns, PhotoOptions } from '../lib/bench-protocol';
import { incidentInput } from './fixtures';
import { openRawDb, strictPut } from './raw-idb';
import { pairedRuns } from './timing';

const RAW_STORE = 'photos';

/** A JPEG-typed Blob of `bytes` random bytes; every call differs, so no save is deduplicated by its hash. */
function photo(bytes: number): Blob {
  const data = new Uint8Array(bytes);
  for (let offset = 0; offset < bytes; offset += 65_536) crypto.getRandomValues(data.subarray(offset, Math.min(bytes, offset + 65_536)));
  return new Blob([data], { type: 'image/jpeg' });
}

export async function savePhoto({ runs, bytes }: PhotoOptions): Promise<PairedRuns> {
  const db = openLanternDb('lantern-bench-photo');
  await ensureDevice(db);
  const raw = await openRawDb('lantern-bench-photo-raw', RAW_STORE);
  let serial = 0;
  // Blobs are made before the clock starts: the picked File exists before the person presses Save.
  const time = async (work: (blob: Blob) => Promise<void>): Promise<number> => {
    const blob = photo(bytes);
    const start = performance.now();
    await work(blob);
    return performance.now() - start;
  };
  try {
    return await pairedRuns(
      runs,
      () =>
        time(async (blob) => {
          const prepared = await prepareAttachment({ blob, name: `photo-${serial}.jpg` });
          if (!prepared.ok) throw new Error(`prepareAttachment refused the photo: ${prepared.error.message}`);
          const saved = await recordCapture(db, systemClock, incidentInput(serial++), { attachments: [prepared.value] });
          if (!saved.ok) throw new Error(`recordCapture refused: ${saved.error.message}`);
        }),
      () => time((blob) => strictPut(raw, RAW_STORE, { id: `photo-${serial++}`, blob })),
    );
  } finally {
    db.close();
    raw.close();
  }
}
