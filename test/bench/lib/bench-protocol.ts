// The contract between the bench page (window.lanternBench) and the Node runner that drives it.

/** Per-run figures in milliseconds per operation, for the code under test and its raw IndexedDB baseline. */
export interface PairedRuns {
  subject: number[];
  baseline: number[];
}

export interface SaveIncidentOptions {
  runs: number;
  savesPerRun: number;
}

export interface SeedOptions {
  count: number;
  chunkSize: number;
}

export interface SeedReport {
  seeded: number;
  /** How many seeded rows have the status the list benchmark queries. */
  matching: number;
  ms: number;
}

export interface ListFirstPageOptions {
  runs: number;
  queriesPerRun: number;
  limit: number;
}

export interface BenchApi {
  /** Repository record() vs one raw strict put; warms up first, alternates the order of the two per run. */
  saveIncident(options: SaveIncidentOptions): Promise<PairedRuns>;
  /** Fills the list database (not timed as part of any benchmark). */
  seedIncidents(options: SeedOptions): Promise<SeedReport>;
  /** listIncidentsPage vs a raw reverse cursor on [status+updatedAt]; both must return the same rows. */
  listFirstPage(options: ListFirstPageOptions): Promise<PairedRuns>;
  /** SLA state (both clocks) of `count` open incidents, per run; no baseline (the bar is absolute). */
  slaStates(options: { count: number; runs: number }): Promise<{ median: number; runs: number[] }>;
}

export const BENCH_GLOBAL = 'lanternBench';
export const LIST_STATUS = 'in_progress';
