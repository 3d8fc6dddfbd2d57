// hq-200-devices(-postgres): many enrolled Node devices pushing at once against a fresh HQ; ops/s, p99 latency, exactly-once check.
import { newId } from '../../../shared/domain';
import { pushBody, pushPrepared } from './hq-client';
import { startHqProcess } from './hq-process';
import type { BenchResult } from './results-file';
import { median, round } from './stats';
import { makeOperations, NOTES_PER_INCIDENT } from './sim-ops';

export const HQ_LOAD = { devices: 200, opsPerDevice: 100, batch: 25, runs: 5 } as const;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadRun {
  opsPerSecond: number;
  latencies: number[];
  /** HQ process CPU time (user + system) per 1,000 operations during the timed pushes: what decides ops/s on a quiet machine. */
  hqCpuMsPer1kOps: number;
}

export async function loadOnce(kind: 'sqlite' | 'postgres'): Promise<LoadRun> {
  const hq = await startHqProcess(kind);
  try {
    const devices = [];
    for (let d = 0; d < HQ_LOAD.devices; d++) {
      const id = newId();
      const token = await hq.enroll(id);
      const ops = makeOperations(id, HQ_LOAD.opsPerDevice);
      const bodies: string[] = [];
      for (let i = 0; i < ops.length; i += HQ_LOAD.batch) bodies.push(pushBody(id, ops.slice(i, i + HQ_LOAD.batch)));
      devices.push({ token, bodies });
    }
    const latencies: number[] = [];
    const cpuBefore = await hq.cpuMs();
    const start = performance.now();
    await Promise.all(
      devices.map(async ({ token, bodies }) => {
        for (const body of bodies) {
          const sent = performance.now();
          await pushPrepared(hq.url, token, body, HQ_LOAD.batch);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpuMs = (await hq.cpuMs()) - cpuBefore;
    const total = HQ_LOAD.devices * HQ_LOAD.opsPerDevice;
    const stats = await hq.counts();
    const incidents = total / (NOTES_PER_INCIDENT + 1);
    if (stats.operations !== total || stats.incidents !== incidents) {
      throw new Error(`exactly-once check failed: HQ holds ${stats.operations} operations (expected ${total}) and ${stats.incidents} incidents (expected ${incidents})`);
    }
    return { opsPerSecond: total / seconds, latencies, hqCpuMsPer1kOps: (cpuMs / total) * 1000 };
  } finally {
    await hq.stop();
  }
}

export async function runHqLoad(id: string, kind: 'sqlite' | 'postgres', log: (message: string) => void): Promise<BenchResult> {
  const runs: LoadRun[] = [];
  log(`${HQ_LOAD.runs} runs (plus a warm-up) of ${HQ_LOAD.devices} devices × ${HQ_LOAD.opsPerDevice} operations`);
  for (let run = 0; run <= HQ_LOAD.runs; run++) {
    const result = await loadOnce(kind);
    log(
      `${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(result.opsPerSecond).toLocaleString('en')} ops/s, p99 push ${percentile(result.latencies, 99).toFixed(0)} ms, ` +
        `HQ CPU ${result.hqCpuMsPer1kOps.toFixed(0)} ms per 1,000 ops`,
    );
    if (run > 0) runs.push(result);
  }
  const rates = runs.map((r) => round(r.opsPerSecond, 0));
  return {
    id,
    median: round(median(rates), 0),
    unit: 'ops/s',
    runs: rates,
    extra: {
      'p99 push latency ms (median of runs)': round(median(runs.map((r) => percentile(r.latencies, 99))), 1),
      'p50 push latency ms': round(median(runs.map((r) => percentile(r.latencies, 50))), 1),
      'pushes per run': runs[0]?.latencies.length ?? 0,
      'HQ CPU ms per 1,000 ops (median of runs)': round(median(runs.map((r) => r.hqCpuMsPer1kOps)), 0),
      'exactly once': 'checked every run',
    },
  };
}
