// The contract between the bench page (window.lanternBench) and the Node runner that drives it.

/** Per-run figures in milliseconds per operation, for the code under test and its raw IndexedDB baseline. */
export interface PairedRuns {
  subject: number[];
  baseline: number[];
  /** Where the subject's time went (ms, last measured run), for reports. */
  breakdown?: Record<string, number>;
}

export interface SaveIncidentOptions {
  runs: number;
  savesPerRun: number;
}

export interface ListFirstPageOptions {
  runs: number;
  queriesPerRun: number;
  limit: number;
}

export interface SearchOptions {
  runs: number;
  queriesPerRun: number;
  limit: number;
}

export interface PhotoOptions {
  runs: number;
  bytes: number;
}

export interface StatsBenchOptions {
  runs: number;
  /** The period's length, ending now. */
  days: number;
}

export interface UiSeedOptions {
  /** Rows in the list (older than the timeline incidents). */
  incidents: number;
  /** Incidents with `events` timeline entries each (the newest rows of the list). */
  timelineIncidents: number;
  events: number;
}

export interface UiSeedReport {
  /** The incidents with the long timelines, newest first (list rows 0, 1, …). */
  incidentIds: string[];
  total: number;
  ms: number;
  /** The word search-100k looks for, and how many seeded rows carry it. */
  word: string;
  withWord: number;
}

export interface SyncBenchOptions {
  /** HQ (buildHqApp, CORS allowing the bench origin). */
  hqUrl: string;
  /** The bare Node + SQLite handler of the baseline. */
  baselineUrl: string;
  /** One-time enrollment codes, one per subject run (runs + 1 for the warm-up). */
  codes: string[];
  count: number;
  runs: number;
  /** Pull page size (the engine's default), used by the pull baseline too. */
  pageSize: number;
}

export interface PushOverLinkOptions {
  /** HQ behind a latency proxy (see latency-proxy.ts). */
  hqUrl: string;
  /** One enrollment code per run: runs × windows.length. */
  codes: string[];
  count: number;
  runs: number;
  /** Push windows to compare (the engine's pushWindow option). */
  windows: number[];
}

export interface BenchApi {
  /** Repository record() vs one raw strict put; warms up first, alternates the order of the two per run. */
  saveIncident(options: SaveIncidentOptions): Promise<PairedRuns>;
  /** On the app database (seedUi first): listIncidentsPage vs a raw reverse cursor on [status+updatedAt]; both must return the same rows. */
  listFirstPage(options: ListFirstPageOptions): Promise<PairedRuns>;
  /** SLA state (both clocks) of `count` open incidents, per run; no baseline (the bar is absolute). */
  /** findIncidents({ text }) first page vs raw getAll on the searchKeys index, on the app database seeded by seedUi; ms per query. */
  searchFirstHits(options: SearchOptions): Promise<PairedRuns>;
  /** The Statistics view's read + summary of a period vs raw getAll of the same index ranges, on the app database seeded by seedUi; ms per read. */
  statsPeriod(options: StatsBenchOptions): Promise<PairedRuns>;
  /** prepareAttachment + recordCapture with one photo vs one raw strict put of a same-sized Blob; ms per save. */
  savePhoto(options: PhotoOptions): Promise<PairedRuns>;
  /** Seeds the app's database (DEFAULT_DB_NAME, same origin as /app/) for the UI benchmarks; once per session. */
  seedUi(options: UiSeedOptions): Promise<UiSeedReport>;
  /** Push of `count` outbox operations by the app's engine vs plain fetch POSTs; operations per second per run. */
  syncPush(options: SyncBenchOptions): Promise<PairedRuns>;
  /** The app's push through a slow link with each push window; median operations per second per window (runs alternate). */
  syncPushOverLink(options: PushOverLinkOptions): Promise<Record<number, number>>;
  /** A fresh device pulling `count` operations by the app's engine vs plain GET pages → IndexedDB; operations per second per run. */
  syncPull(options: SyncBenchOptions): Promise<PairedRuns>;
  slaStates(options: { count: number; runs: number }): Promise<{ median: number; runs: number[] }>;
}

export const BENCH_GLOBAL = 'lanternBench';
export const LIST_STATUS = 'in_progress';
