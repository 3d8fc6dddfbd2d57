// Bench page entry: exposes the benchmark functions on window for the runner (page.evaluate).
import { BENCH_GLOBAL, type BenchApi } from '../lib/bench-protocol';
import { listFirstPage } from './list-bench';
import { savePhoto } from './photo-bench';
import { saveIncident } from './save-bench';
import { searchFirstHits } from './search-bench';
import { statsPeriod } from './stats-bench';
import { syncPull, syncPush, syncPushOverLink } from './sync-bench';
import { seedUi } from './ui-seed';
import { runSlaBench } from '../sla-bench';

// SLA maths runs where the list shows it: in the page, in Chromium.
const api: BenchApi = {
  saveIncident,
  listFirstPage,
  slaStates: (options) => Promise.resolve(runSlaBench(options)),
  searchFirstHits,
  statsPeriod,
  savePhoto,
  seedUi,
  syncPush,
  syncPushOverLink,
  syncPull,
};
(window as unknown as Record<string, unknown>)[BENCH_GLOBAL] = api;

const state = document.getElementById('state');
if (state) state.textContent = 'Benchmarks ready';
