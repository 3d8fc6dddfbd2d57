// Property: 5 laptops as the app has them (Dexie store, repository, Dexie replica, real engine) edit the same incidents
// offline with skewed clocks and sync with the REAL HQ (Fastify app over SQLite, and PostgreSQL when configured) through
// lost answers, duplicate deliveries and app restarts; after a quiet round every laptop, a fresh laptop and HQ agree.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHqApp } from '../../../server/app';
import { hashSecret, newToken } from '../../../server/auth/secrets';
import { fromIncidentRow } from '../../../renderer/db/incident-row';
import { readOutboxMarks } from '../../../renderer/db/sync-outbox';
import { conflictsTable, outboxStateOf, syncOutbox } from '../../../renderer/db/sync-rows';
import { parseHlc, type EditableFields, type Incident, type Status, type TimelineEvent } from '../../../shared/domain';
import { MAX_FUTURE_HLC_MS } from '../../../shared/sync/wire';
import { HqDexieDevice } from './hq-dexie-device';
import { MAX_INCIDENTS, skewsArb, STATUS_INPUT, stepArb, syncQuietly, type Step } from '../shared/sync/support/scenario-steps';
import { STORE_FACTORIES, announcePostgresSkip, type OpenedStore, type StoreFactory } from '../server/support/store-factories';

announcePostgresSkip();

const LONG = process.env.LANTERN_LONG_PROPERTIES === '1';
const START_MS = Date.parse('2026-11-26T12:00:00.000Z');
/** One scenario's world: shared true time, the HQ app over a fresh store, its laptops. */
class Scenario {
  nowMs = START_MS;
  readonly skews: number[];
  readonly devices: HqDexieDevice[] = [];
  private constructor(
    readonly opened: OpenedStore,
    readonly app: Awaited<ReturnType<typeof buildHqApp>>,
    readonly adminToken: string,
    skews: number[],
  ) {
    this.skews = [...skews];
  }

  static async start(factory: StoreFactory, skews: number[]): Promise<Scenario> {
    const opened = await factory.open();
    const adminToken = newToken();
    // HQ reads the scenario's true time, which exists once the app does.
    const time = { scenario: null as Scenario | null };
    const app = await buildHqApp({
      store: opened.store,
      adminTokenHash: hashSecret(adminToken),
      clock: { now: () => time.scenario?.nowMs ?? START_MS },
      // Simulated time barely moves, so the per-token rate limit would refuse a busy scenario's requests.
      limits: { rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } },
      logError: (error) => {
        throw error;
      },
    });
    const scenario = new Scenario(opened, app, adminToken, skews);
    time.scenario = scenario;
    for (let i = 0; i < skews.length; i++) scenario.devices.push(await scenario.laptop(`Laptop ${i}`, i));
    return scenario;
  }

  /** A laptop whose clock is true time plus its skew (read at every call, so clock jumps apply at once). */
  laptop(label: string, index: number | null): Promise<HqDexieDevice> {
    const clock = { nowMs: () => this.nowMs + (index === null ? 0 : this.skews[index]!), offsetMinutes: () => 60 };
    // Small batches and pages: a sync is several pushes (two on their way at once) and several pull pages.
    return HqDexieDevice.enroll(this.app, this.adminToken, label, clock, { batchSize: 3, pullLimit: 4 });
  }

  async admin(path: string): Promise<unknown> {
    const reply = await this.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${this.adminToken}` } });
    if (reply.statusCode !== 200) throw new Error(`${path}: ${reply.statusCode} ${reply.body}`);
    return reply.json();
  }

  async close(): Promise<void> {
    for (const d of this.devices) d.db.close();
    await this.app.close();
    await this.opened.cleanup();
  }
}

async function runSteps(scenario: Scenario, steps: readonly Step[]): Promise<void> {
  const { devices } = scenario;
  let incidents = 0;
  const pick = async (d: HqDexieDevice, n: number) => {
    const ids = (await d.db.incidents.toCollection().primaryKeys()).map(String).sort();
    return ids.length ? ids[n % ids.length]! : null;
  };

  // Everyone starts knowing one shared incident, so most edits hit the same few incidents concurrently.
  await devices[2]!.repo.record({ title: 'Shared incident' });
  incidents += 1;
  for (const d of devices) await d.sync();

  for (const step of steps) {
    if (step.kind === 'advance') {
      scenario.nowMs += step.ms;
      continue;
    }
    const d = devices[step.device]!;
    switch (step.kind) {
      case 'create':
        if (incidents < MAX_INCIDENTS) {
          incidents += 1;
          await d.repo.record({ title: step.title });
        }
        break;
      case 'edit': {
        const id = await pick(d, step.pick);
        // A refusal (e.g. a closed incident cannot be edited) is a valid outcome of the generated step.
        if (id) await d.repo.edit(id, step.edits as Partial<EditableFields>);
        break;
      }
      case 'status': {
        const id = await pick(d, step.pick);
        if (id) await d.repo.changeStatus(id, step.to as Status, STATUS_INPUT);
        break;
      }
      case 'note': {
        const id = await pick(d, step.pick);
        if (id) await d.repo.addNote(id, step.text);
        break;
      }
      case 'restart':
        d.restart();
        break;
      case 'clock-jump':
        scenario.skews[step.device] = step.skew;
        break;
      case 'sync':
        d.faults.dropResponse = (path) => (path === '/v1/sync/push' ? step.dropPush < 2 : step.dropPull < 2);
        d.faults.duplicate = () => step.duplicate < 2;
        await d.sync();
        d.faults.dropResponse = undefined;
        d.faults.duplicate = undefined;
        break;
    }
  }

  await syncQuietly(devices);
}

interface HqIncidentDetail {
  incident: Incident;
  timeline: TimelineEvent[];
}

/** What HQ's read API serves: every incident with its timeline, by id. */
async function hqView(scenario: Scenario): Promise<Map<string, HqIncidentDetail>> {
  const out = new Map<string, HqIncidentDetail>();
  let cursor: string | null = null;
  do {
    const page = (await scenario.admin(`/v1/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`)) as { incidents: Incident[]; cursor: string | null };
    for (const incident of page.incidents) out.set(incident.id, (await scenario.admin(`/v1/incidents/${incident.id}`)) as HqIncidentDetail);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every laptop (and a fresh one) holds exactly HQ's incidents, stamps and timelines; nothing is left to send. */
async function expectConvergedWithHq(scenario: Scenario, created: ReadonlySet<string>): Promise<void> {
  const hq = await hqView(scenario);
  const hqIncidents = [...hq.values()].map((detail) => detail.incident).sort(byId);
  const hqTimeline = [...hq.values()].flatMap((detail) => detail.timeline).sort(byId);
  expect(new Set(hqTimeline.map((e) => e.id)).size, 'no timeline entry twice at HQ').toBe(hqTimeline.length);

  const fresh = await scenario.laptop('Fresh laptop', null);
  scenario.devices.push(fresh);
  const result = await fresh.sync();
  if (result instanceof Error) throw result;

  for (const d of scenario.devices) {
    const incidents = (await d.db.incidents.toArray()).map(fromIncidentRow).sort(byId);
    expect(incidents, `incidents on ${d.id}`).toEqual(hqIncidents);
    const timeline = (await d.db.timeline.toArray()).sort(byId);
    expect(timeline, `timeline on ${d.id}`).toEqual(hqTimeline);
    const marks = await readOutboxMarks(d.db);
    const states = (await syncOutbox(d.db).toArray()).map((row) => outboxStateOf(row, marks));
    expect(states.every((state) => state === 'acknowledged'), `outbox of ${d.id}: ${states.join(',')}`).toBe(true);
    // A laptop's own changes are made one on top of the other: never a conflict between two of them.
    for (const conflict of await conflictsTable(d.db).toArray()) expect(conflict.winner.deviceId, `conflict ${conflict.id} on ${d.id}`).not.toBe(conflict.loser.deviceId);
  }

  // Exactly once: HQ's log (as a device pulls it) holds each operation the laptops made once, and nothing else.
  const pulled = await fresh.pullAllOps();
  const opIds = pulled.map((entry) => entry.op.opId);
  expect(new Set(opIds).size, 'no operation twice at HQ').toBe(opIds.length);
  expect(new Set(pulled.map((entry) => `${entry.op.deviceId}#${entry.op.deviceSeq}`)).size, 'no (device, seq) twice').toBe(pulled.length);
  expect([...opIds].sort(), 'every operation at HQ').toEqual([...created].sort());
  const limit = scenario.nowMs + MAX_FUTURE_HLC_MS;
  for (const { op } of pulled) expect(parseHlc(op.hlc).wallMs, 'stamps capped').toBeLessThanOrEqual(limit);

  // Last writer wins, checked independently of merge.ts: each field holds the value of its highest-stamped operation.
  const best = new Map<string, { hlc: string; value: unknown }>();
  for (const { op } of pulled) {
    for (const [field, value] of Object.entries(op.set)) {
      const key = `${op.incidentId}/${field}`;
      const current = best.get(key);
      if (!current || op.hlc > current.hlc) best.set(key, { hlc: op.hlc, value });
    }
  }
  for (const [key, { hlc, value }] of best) {
    const [incidentId, field] = key.split('/') as [string, string];
    const record = await scenario.opened.store.incident(incidentId);
    expect((record!.state.fields as Record<string, unknown>)[field], `${field} of ${incidentId}`).toEqual(value);
    expect(record!.state.stamps[field], `stamp of ${field}`).toBe(hlc);
  }
}

/** opIds of every operation the laptops wrote. */
async function createdOps(devices: readonly HqDexieDevice[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const d of devices) for (const row of await syncOutbox(d.db).toArray()) out.add(row.opId);
  return out;
}

describe.each(STORE_FACTORIES)('convergence of app laptops through the real HQ ($name)', (factory) => {
  let scenario: Scenario | undefined;
  afterEach(async () => {
    await scenario?.close();
    scenario = undefined;
  });

  it(
    'ends with identical incidents and timelines on every laptop and at HQ, every operation at HQ exactly once',
    async () => {
      const coverage = { runs: 0, ops: 0, dropped: 0, duplicated: 0 };
      const runs = LONG ? 300 : factory.name === 'sqlite' ? 25 : 8;
      await fc.assert(
        fc.asyncProperty(skewsArb, fc.array(stepArb({ restarts: true }), { minLength: 20, maxLength: LONG ? 120 : 60 }), async (skews, steps) => {
          await scenario?.close();
          scenario = await Scenario.start(factory, skews);
          await runSteps(scenario, steps);
          const created = await createdOps(scenario.devices);
          await expectConvergedWithHq(scenario, created);
          coverage.runs += 1;
          coverage.ops += created.size;
          for (const d of scenario.devices) {
            coverage.dropped += d.stats.dropped;
            coverage.duplicated += d.stats.duplicated;
          }
          await scenario.close();
          scenario = undefined;
        }),
        { numRuns: runs },
      );
      // What the generated scenarios exercised, so a generator that stopped producing faults fails loudly.
      expect(coverage.ops / coverage.runs).toBeGreaterThan(5);
      expect(coverage.dropped).toBeGreaterThan(coverage.runs / 2);
      expect(coverage.duplicated).toBeGreaterThan(coverage.runs / 2);
    },
    LONG ? 3_600_000 : 240_000,
  );
});
