// sla-100k micro-benchmark: SLA clocks of 100,000 open incidents. Host-neutral (Node or the bench page); `tsx test/bench/sla-bench.ts` prints it.
import { computeIncidentSla, SEED_SLA_POLICIES, weekdayCalendar, type Priority, type SlaChange, type SlaPolicy, type SlaTimeline, type Status } from '../../shared/domain';

export interface SlaBenchResult {
  id: 'sla-100k';
  unit: 'ms';
  /** Median of the runs: all 100k incidents, both clocks. */
  median: number;
  runs: number[];
  /** Share of incidents whose policy has a business-hours calendar. */
  calendarShare: number;
}

const MIN = 60_000;

/** A small seeded PRNG so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

interface Row {
  timeline: SlaTimeline;
  priority: Priority;
  policy: SlaPolicy;
}

/** Open incidents created over the last 30 days with 0–4 status changes, some out of order; a third on business hours. */
export function makeRows(count: number, nowMs: number, seed = 42): Row[] {
  const next = random(seed);
  const businessSilver: SlaPolicy = { ...SEED_SLA_POLICIES[1]!, id: 'silver-office', calendar: weekdayCalendar('Europe/Berlin') };
  const policies = [SEED_SLA_POLICIES[0]!, businessSilver, SEED_SLA_POLICIES[2]!];
  const paths: Status[][] = [[], ['assigned'], ['assigned', 'in_progress'], ['assigned', 'on_hold'], ['assigned', 'on_hold', 'in_progress']];
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const createdAtMs = nowMs - Math.floor(next() * 30 * 24 * 60) * MIN;
    const path = paths[Math.floor(next() * paths.length)]!;
    const changes: SlaChange[] = path.map((to, k) => {
      const atMs = createdAtMs + Math.floor(next() * (nowMs - createdAtMs));
      return { atMs, hlc: `${String(atMs).padStart(15, '0')}-000${k}-dev${i % 7}`, to };
    });
    if (i % 10 !== 0) changes.sort((a, b) => a.atMs - b.atMs); // every tenth arrives out of order
    rows.push({ timeline: { createdAtMs, changes }, priority: (1 + (i % 4)) as Priority, policy: policies[i % 3]! });
  }
  return rows;
}

export function runSlaBench(options: { count?: number; runs?: number } = {}): SlaBenchResult {
  const count = options.count ?? 100_000;
  const runs = options.runs ?? 7;
  const nowMs = Date.parse('2026-11-26T12:00:00Z');
  const rows = makeRows(count, nowMs);
  let sink = 0;
  const pass = () => {
    const started = performance.now();
    for (const row of rows) {
      const clocks = computeIncidentSla(row.timeline, { priority: row.priority }, row.policy, nowMs);
      sink += clocks.resolve.elapsedMs + clocks.response.elapsedMs;
    }
    return performance.now() - started;
  };
  pass(); // warm-up (JIT, zone transition cache)
  const times = Array.from({ length: runs }, pass);
  if (sink < 0) throw new Error('unreachable');
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { id: 'sla-100k', unit: 'ms', median: Math.round(median * 1000) / 1000, runs: times.map((t) => Math.round(t * 1000) / 1000), calendarShare: 1 / 3 };
}

// Run directly (tsx test/bench/sla-bench.ts); `process` is looked up softly so the bench page can import this file too.
const argv = (globalThis as { process?: { argv?: readonly string[] } }).process?.argv;
if (argv?.[1]?.endsWith('sla-bench.ts')) {
  console.log(JSON.stringify(runSlaBench(), null, 2));
}
