// Benchmark "save-incident": repository record() (one strict transaction, four tables) vs one raw strict put, then where the time goes.
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../../renderer/db';
import type { PairedRuns, SaveIncidentOptions } from '../lib/bench-protocol';
import { incidentInput, rawRecord } from './fixtures';
import { openRawDb, strictPut } from './raw-idb';
import { decomposeSave, prepareSaveVariants, RAW_SAME_ROWS } from './save-decomposition';
import { meanMs } from './timing';

const RAW_STORE = 'records';
/** The inherent cost, and what the schema's indexes add to it, measured like the subject (blocks of saves). */
const RAW_IN_RUNS = [RAW_SAME_ROWS, 'raw tx, same rows, empty searchKeys', 'raw tx, no compound indexes', 'raw tx, no incident indexes', 'raw tx, no secondary indexes'];
/** Decomposition: rounds of one save per variant, interleaved; the median per variant is reported. */
const DECOMPOSITION_ROUNDS = 120;

/**
 * Paired runs of record() and the baseline, with more series in the same mode (blocks of sequential saves, order
 * rotating per run): the same rows put by one raw transaction (the inherent cost of what record() stores), and
 * that without some of the schema's indexes. Then the interleaved decomposition.
 */
export async function saveIncident({ runs, savesPerRun }: SaveIncidentOptions): Promise<PairedRuns> {
  const db = openLanternDb('lantern-bench-save');
  await ensureDevice(db);
  const incidents = createIncidentRepository(db);
  const raw = await openRawDb('lantern-bench-save-raw', RAW_STORE);
  const prepared = await prepareSaveVariants();
  let serial = 0;
  try {
    const raws = RAW_IN_RUNS.map((name) => {
      const variant = prepared.variants.find((candidate) => candidate.name === name);
      if (!variant) throw new Error(`No "${name}" variant`);
      return variant;
    });
    const series = [
      () =>
        meanMs(savesPerRun, async () => {
          const result = await incidents.record(incidentInput(serial++));
          if (!result.ok) throw new Error(`record() refused the bench input: ${result.error.message}`);
        }),
      () => meanMs(savesPerRun, () => strictPut(raw, RAW_STORE, rawRecord(serial++))),
      ...raws.map((variant) => () => meanMs(savesPerRun, variant.save)),
    ];
    const [subject = [], baseline = [], ...rawFigures] = await rotatedRuns(runs, series);
    const inRuns = Object.fromEntries(RAW_IN_RUNS.map((name, i) => [`${name} ms`, median(rawFigures[i] ?? [])]));
    return { subject, baseline, breakdown: { ...inRuns, ...(await decomposeSave(prepared, DECOMPOSITION_ROUNDS)) } };
  } finally {
    prepared.close();
    db.close();
    raw.close();
  }
}

/** One warm-up pass of each series, then `runs` passes, the order rotating per run; ms per save of each pass. */
async function rotatedRuns(runs: number, series: readonly (() => Promise<number>)[]): Promise<number[][]> {
  for (const pass of series) await pass();
  const figures = series.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < series.length; i++) {
      const at = (i + run) % series.length;
      const ms = await series[at]?.();
      if (ms !== undefined) figures[at]?.push(ms);
    }
  }
  return figures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
