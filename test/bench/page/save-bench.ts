// Benchmark "save-incident": repository record() (one strict transaction, four tables) vs one raw strict put.
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../../renderer/db';
import type { PairedRuns, SaveIncidentOptions } from '../lib/bench-protocol';
import { incidentInput, rawRecord } from './fixtures';
import { openRawDb, strictPut } from './raw-idb';
import { meanMs, pairedRuns } from './timing';

const RAW_STORE = 'records';

export async function saveIncident({ runs, savesPerRun }: SaveIncidentOptions): Promise<PairedRuns> {
  const db = openLanternDb('lantern-bench-save');
  await ensureDevice(db);
  const incidents = createIncidentRepository(db);
  const raw = await openRawDb('lantern-bench-save-raw', RAW_STORE);
  let serial = 0;
  try {
    return await pairedRuns(
      runs,
      () =>
        meanMs(savesPerRun, async () => {
          const result = await incidents.record(incidentInput(serial++));
          if (!result.ok) throw new Error(`record() refused the bench input: ${result.error.message}`);
        }),
      () => meanMs(savesPerRun, () => strictPut(raw, RAW_STORE, rawRecord(serial++))),
    );
  } finally {
    db.close();
    raw.close();
  }
}
