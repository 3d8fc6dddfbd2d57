// Bench page entry: exposes the benchmark functions on window for the runner (page.evaluate).
import { BENCH_GLOBAL, type BenchApi } from '../lib/bench-protocol';
import { listFirstPage, seedIncidents } from './list-bench';
import { saveIncident } from './save-bench';

const api: BenchApi = { saveIncident, seedIncidents, listFirstPage };
(window as unknown as Record<string, unknown>)[BENCH_GLOBAL] = api;

const state = document.getElementById('state');
if (state) state.textContent = 'Benchmarks ready';
