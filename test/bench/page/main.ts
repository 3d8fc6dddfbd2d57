// Bench page entry: exposes the benchmark functions on window for the runner (page.evaluate).
import { BENCH_GLOBAL, type BenchApi } from '../lib/bench-protocol';
import { listFirstPage, seedIncidents } from './list-bench';
import { saveIncident } from './save-bench';
import { runSlaBench } from '../sla-bench';

// SLA maths runs where the list shows it: in the page, in Chromium.
const api: BenchApi = { saveIncident, seedIncidents, listFirstPage, slaStates: (options) => Promise.resolve(runSlaBench(options)) };
(window as unknown as Record<string, unknown>)[BENCH_GLOBAL] = api;

const state = document.getElementById('state');
if (state) state.textContent = 'Benchmarks ready';
