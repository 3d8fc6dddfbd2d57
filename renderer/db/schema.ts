// Schema versions of the local database: append-only. Never edit a shipped entry; add version N+1 with an upgrade.
import type { Dexie, Transaction } from 'dexie';
import type { Incident, SlaChange, SlaPolicySet, TimelineEvent } from '../../shared/domain';
import { fillAttachedNames, V12_NAMES } from './attachments-names-upgrade';
import { toIncidentRow, type IncidentRow } from './incident-row';
import { seedReference, type ReferenceRow } from './reference';
import { policySetFrom, rekeySlaClocks, seedSlaPolicies, type SlaPolicyRow } from './sla-policies';
import { slaOrderOf, withSlaChanges } from './sla-order';
import { upgradeStepReporter, type ReportUpgradeStep } from './upgrade-progress';
import { mergeWords, wordsOf } from './search-words';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; only indexed fields are listed (rows may hold more). null deletes a table. */
  stores: Record<string, string | null>;
  /** Rewrites existing rows when a version changes their shape; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction, report: ReportUpgradeStep) => Promise<void>;
  /** The words of each step the upgrade reports progress under, in order (each its own: see upgrade-progress.ts). */
  steps?: readonly string[];
}

// The words of the upgrades' steps: each its own, so a step starting from zero never reads as the previous one restarting.
const V8_READ = 'Reading incident history';
const V8_WRITE = 'Placing incidents in SLA order';
const V9_REKEY = 'Sorting open incidents by time to own';
const SLA_READ = 'Checking incident history';
const SLA_CHECK = 'Checking the SLA times of incidents';

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Every list filter is "<field> newest first", so each filter field is paired with updatedAt.
      // Null and booleans are not valid keys, hence assigneeKey/teamKey/majorFlag (see incident-row.ts).
      // number is indexed but not unique: two devices may draw the same 4-character prefix, and a
      // synced incident must never fail to store because of it (HQ reports such clashes instead).
      incidents:
        'id, number, updatedAt, createdAt, [status+updatedAt], [priority+updatedAt], [categoryKey+updatedAt], ' +
        '[siteKey+updatedAt], [assigneeKey+updatedAt], [teamKey+updatedAt], [majorFlag+updatedAt]',
      // The compound index also answers where('incidentId') (Dexie uses its first part), so no separate index.
      timeline: 'id, [incidentId+hlc]',
      // Multi-entry: one stored file (named by its hash) may belong to several incidents.
      attachments: 'sha256, *incidentIds, createdAt',
      // deviceSeq is assigned from meta inside the write transaction, not auto-incremented, so it is
      // never reused. Acknowledged rows are kept: after HQ is restored from a backup they are pushed again.
      outbox: 'deviceSeq, &opId, incidentId, state',
      meta: 'key',
      drafts: 'id, updatedAt',
    },
  },
  {
    version: 2,
    stores: {
      // v1 indexes plus *searchWords: a multi-entry index over the words of title, description and notes.
      incidents:
        'id, number, updatedAt, createdAt, [status+updatedAt], [priority+updatedAt], [categoryKey+updatedAt], ' +
        '[siteKey+updatedAt], [assigneeKey+updatedAt], [teamKey+updatedAt], [majorFlag+updatedAt], *searchWords',
      // Reference lists (teams, hold reasons, …), read per list in order.
      reference: 'id, [kind+order]',
      // Saved views (named filter + sort), local to this device.
      views: 'id, name',
    },
    upgrade: upgradeToV2,
  },
  {
    version: 3,
    stores: {
      // Sync: conflicts HQ's merge resolved automatically (losing value kept), by deterministic conflict id.
      // resolvedAt is absent until a person picks a value, so the index holds only resolved ones.
      // Outbox rows gain optional reason/code (rejected ops) and sentAt; no index changes, so no upgrade.
      conflicts: 'id, incidentId, resolvedAt',
      // Merge state of incidents whose creation has not been pulled yet (edits arrived first); moved into
      // incidents once the creation arrives.
      syncPartial: 'id',
    },
  },
  {
    version: 4,
    stores: {
      // Links: `linked` entries carry targetId; the index holds only those, so the other incident finds
      // the links made on it by others without a mirrored write. Other entries lack the key: not indexed.
      timeline: 'id, [incidentId+hlc], targetId',
    },
  },
  {
    version: 5,
    stores: {
      // SLA policies as reference data (read whole and in order; `order` is the list position). The default
      // policy and the site mapping live in meta ('slaAssignment'); incidents gain an optional slaPolicyId,
      // which is not indexed (nothing filters by it), so incident rows need no rewrite.
      slaPolicies: 'id, order',
    },
    upgrade: (tx) => seedSlaPolicies(tx.table<SlaPolicyRow, string>('slaPolicies')),
  },
  {
    version: 6,
    stores: {
      // *searchWords (bare words) becomes *searchKeys (word + update time, see search-words.ts): the newest hits of a
      // word are then one index range, where they used to need every hit read and sorted (1,200 rows for a common word).
      incidents:
        'id, number, updatedAt, createdAt, [status+updatedAt], [priority+updatedAt], [categoryKey+updatedAt], ' +
        '[siteKey+updatedAt], [assigneeKey+updatedAt], [teamKey+updatedAt], [majorFlag+updatedAt], *searchKeys',
    },
    upgrade: upgradeToV6,
  },
  {
    version: 7,
    // No index changes: the words of checklist steps join the search words (eventText), including steps already stored.
    stores: {},
    upgrade: upgradeToV7,
  },
  {
    version: 8,
    stores: {
      // [slaGroup+slaKey]: the resolve clock's place in "time left" order (running by due instant, paused by time left,
      // stopped by update time; sla-order.ts), so the list sorts by SLA over every incident, not page by page.
      incidents:
        'id, number, updatedAt, createdAt, [status+updatedAt], [priority+updatedAt], [categoryKey+updatedAt], ' +
        '[siteKey+updatedAt], [assigneeKey+updatedAt], [teamKey+updatedAt], [majorFlag+updatedAt], *searchKeys, [slaGroup+slaKey]',
    },
    upgrade: upgradeToV8,
    steps: [V8_READ, V8_WRITE],
  },
  {
    version: 9,
    // No index changes: [slaGroup+slaKey] now orders an unowned incident by its time to own (the clock its SLA cell
    // shows), so the keys of open rows are recomputed.
    stores: {},
    upgrade: upgradeToV9,
    steps: [V9_REKEY],
  },
  {
    version: 10,
    // Shipped by d929c90 (SLA times corrected for clocks found off, rows gaining slaStartMs) and reverted by d24178b,
    // which also took this entry out: a database that build opened is stored at 10, and without the entry it was
    // refused as "last used by a newer version". Kept without an upgrade: a database at 10 never runs a v10 upgrade,
    // so v11 puts every row back under the current logic, for databases at 9 and at 10 alike.
    stores: {},
  },
  {
    version: 11,
    // No index changes. Its upgrade (every row's SLA fields recomputed from the timeline, rewritten where they differ:
    // rows of the reverted v10 build, rows an old build wrote without SLA fields) now runs as v13, which does the same
    // and more: a database below 11 gets it once, there, instead of reading everything twice.
    stores: {},
  },
  {
    version: 12,
    // No index changes: attachment rows gain attachedAs, the name and type each incident attached the file under (the
    // bytes stay one row per SHA-256), filled from this device's own operations (attachments-names-upgrade.ts).
    stores: {},
    upgrade: fillAttachedNames,
    steps: [V12_NAMES],
  },
  {
    version: 13,
    // No index changes: SLA changes now carry impact/urgency changes (a clock breaches against the priority in force at
    // each moment), so every row's SLA fields are recomputed from the timeline and rewritten where they differ (rows
    // of incidents whose impact or urgency changed; and everything v11 did, for databases below 11).
    stores: {},
    upgrade: rebuildSlaFields,
    steps: [SLA_READ, SLA_CHECK],
  },
];

/** v1 → v2: seed the reference lists and index the words of every incident and its notes. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await seedReference(tx.table<ReferenceRow, string>('reference'));
  const noteWords = new Map<string, Set<string>>();
  await tx.table('timeline').each((event: { incidentId: string; kind: string; text?: unknown }) => {
    if (event.kind !== 'note' || typeof event.text !== 'string') return;
    const words = noteWords.get(event.incidentId) ?? new Set<string>();
    noteWords.set(event.incidentId, wordsOf(event.text, words));
  });
  await tx.table<IncidentRow, string>('incidents').toCollection().modify((row, ref) => {
    ref.value = toIncidentRow(incidentOf(row), mergeWords(noteWords.get(row.id)));
  });
}

/** v5 → v6: every row's bare searchWords become searchKeys (the words with the row's update time). */
async function upgradeToV6(tx: Transaction): Promise<void> {
  await tx.table<IncidentRow, string>('incidents').toCollection().modify((row, ref) => {
    ref.value = toIncidentRow(incidentOf(row), row.noteWords ?? []);
  });
}

/** Rows read per request by upgrades that scan a table. */
const UPGRADE_CHUNK = 5_000;

/**
 * v6 → v7: checklist steps become searchable. Only incidents with a checklist are rewritten; finding them takes one
 * pass over the timeline (no index by entry kind), as the v2 upgrade did for notes.
 */
async function upgradeToV7(tx: Transaction): Promise<void> {
  const stepWords = new Map<string, Set<string>>();
  const timeline = tx.table<{ id: string; incidentId: string; kind: string; steps?: unknown }, string>('timeline');
  // Read in chunks by id (one request per chunk): a cursor step per entry took 5 s for 80,000 entries.
  for (let after: string | undefined; ; ) {
    const chunk = await (after === undefined ? timeline.orderBy(':id') : timeline.where(':id').above(after)).limit(UPGRADE_CHUNK).toArray();
    for (const event of chunk) {
      if (event.kind !== 'checklist_added' || !Array.isArray(event.steps)) continue;
      // The step texts as v7 indexes them (a copy, not eventText: a shipped upgrade must not change when that does).
      const texts = event.steps.flatMap((step: { text?: unknown }) => (typeof step?.text === 'string' ? [step.text] : []));
      stepWords.set(event.incidentId, wordsOf(texts.join('\n'), stepWords.get(event.incidentId)));
    }
    if (chunk.length < UPGRADE_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  if (stepWords.size === 0) return;
  const incidents = tx.table<IncidentRow, string>('incidents');
  const ids = [...stepWords.keys()];
  const rows = await incidents.bulkGet(ids);
  const rewritten = rows.flatMap((row, i) => (row ? [toIncidentRow(incidentOf(row), mergeWords(row.noteWords, stepWords.get(ids[i]!)))] : []));
  await incidents.bulkPut(rewritten);
}

/** Kinds of timeline entries the SLA clocks read (slaTimelineFromEvents); the v8 upgrade keeps only these. */
const SLA_EVENT_KINDS = new Set(['status_changed', 'fields_changed', 'escalated']);

/**
 * v7 → v8: every incident row gains its SLA changes (one chunked pass over the timeline) and its place in the SLA
 * order under the stored policies ([slaGroup+slaKey]). Rows are rewritten a chunk at a time.
 */
async function upgradeToV8(tx: Transaction, report: ReportUpgradeStep): Promise<void> {
  const policies = await upgradePolicies(tx);
  // Every row is rewritten with all its index entries: ~1 ms per incident on a slow laptop, so the start screen shows progress.
  const changes = await slaChangesInTimeline(tx, (done, total) => report(V8_READ, done, total));
  const incidents = tx.table<IncidentRow, string>('incidents');
  const ids = await incidents.toCollection().primaryKeys();
  for (let from = 0; from < ids.length; from += UPGRADE_CHUNK) {
    const rows = await incidents.bulkGet(ids.slice(from, from + UPGRADE_CHUNK));
    const rewritten = rows.flatMap((row) => (row ? [toIncidentRow(incidentOf(row), row.noteWords ?? [], { changes: changes.get(row.id) ?? [], policies })] : []));
    await incidents.bulkPut(rewritten);
    report(V8_WRITE, Math.min(ids.length, from + UPGRADE_CHUNK), ids.length);
  }
}

/** v8 → v9: open rows get the key of the clock the list shows (time to own while unowned); stopped rows keep theirs. */
async function upgradeToV9(tx: Transaction, report: ReportUpgradeStep): Promise<void> {
  await rekeySlaClocks(tx.table<IncidentRow, string>('incidents'), await upgradePolicies(tx), (done, total) => report(V9_REKEY, done, total));
}

/** The SLA policies in force, read through the upgrade transaction. */
async function upgradePolicies(tx: Transaction): Promise<SlaPolicySet> {
  return policySetFrom(await tx.table<SlaPolicyRow, string>('slaPolicies').orderBy('order').toArray(), (await tx.table('meta').get('slaAssignment'))?.value);
}

/** Each incident's SLA changes in its timeline (kinds the clocks read), from one pass over the timeline in chunks. */
async function slaChangesInTimeline(tx: Transaction, onChunk: (done: number, total: number) => void): Promise<Map<string, SlaChange[]>> {
  const changes = new Map<string, SlaChange[]>();
  const timeline = tx.table<TimelineEvent, string>('timeline');
  const entries = await timeline.count();
  let read = 0;
  for (let after: string | undefined; ; ) {
    const chunk = await (after === undefined ? timeline.orderBy(':id') : timeline.where(':id').above(after)).limit(UPGRADE_CHUNK).toArray();
    for (const event of chunk) {
      // The creation time only dates changes without a usable time, which slaTimelineFromEvents leaves as NaN anyway.
      if (SLA_EVENT_KINDS.has(event.kind)) changes.set(event.incidentId, withSlaChanges(changes.get(event.incidentId), '', [event]));
    }
    read += chunk.length;
    onChunk(read, entries);
    if (chunk.length < UPGRADE_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  return changes;
}

/**
 * v9, v10 (d929c90's), v11 or v12 → v13: every incident row's SLA fields as the current code computes them. The reverted v10
 * build stored SLA times corrected for clocks found off, and slaStartMs (a field nothing reads now: it would travel
 * with the incident); a build from before the newer-database guard (7764d2c) wrote rows without SLA fields (absent
 * from [slaGroup+slaKey], so from the SLA sort and exports following it) or with v8's key. Only rows whose fields
 * differ are written: a healthy database costs one read of the timeline and of the incidents, in chunks.
 */
async function rebuildSlaFields(tx: Transaction, report: ReportUpgradeStep): Promise<void> {
  const policies = await upgradePolicies(tx);
  const fromTimeline = await slaChangesInTimeline(tx, (done, total) => report(SLA_READ, done, total));
  const incidents = tx.table<IncidentRow & { slaStartMs?: unknown }, string>('incidents');
  const ids = await incidents.toCollection().primaryKeys();
  report(SLA_CHECK, 0, ids.length);
  for (let from = 0; from < ids.length; from += UPGRADE_CHUNK) {
    const rows = await incidents.bulkGet(ids.slice(from, from + UPGRADE_CHUNK));
    const rewritten: IncidentRow[] = [];
    for (const row of rows) {
      if (!row) continue;
      const changes = slaChangesOf(row.slaChanges, fromTimeline.get(row.id));
      // The row serves as the incident for its place (the index fields are extra); it is only stripped to be rewritten.
      const place = slaOrderOf(row, { changes, policies }, row.updatedAt);
      const stale = 'slaStartMs' in row || !row.slaChanges || !sameChanges(row.slaChanges, changes) || place.slaGroup !== row.slaGroup || place.slaKey !== row.slaKey;
      if (stale) rewritten.push(toIncidentRow(incidentOf(row), row.noteWords ?? [], { changes, policies }));
    }
    if (rewritten.length > 0) await incidents.bulkPut(rewritten);
    report(SLA_CHECK, Math.min(ids.length, from + UPGRADE_CHUNK), ids.length);
  }
}

/**
 * The changes of the timeline's entries, at their recorded times; a held change whose entry is not in the timeline
 * is kept (nothing here drops what a row knew), in the row's order first.
 */
function slaChangesOf(held: readonly SlaChange[] | undefined, timeline: readonly SlaChange[] = []): SlaChange[] {
  const inTimeline = new Set(timeline.map((change) => change.hlc));
  const kept = (held ?? []).filter((change) => !inTimeline.has(change.hlc));
  return kept.length === 0 ? [...timeline] : [...kept, ...timeline];
}

/** The same changes in any order (a row holds them in arrival order, a pass over the timeline in id order). */
function sameChanges(held: readonly SlaChange[], fresh: readonly SlaChange[]): boolean {
  if (held.length !== fresh.length) return false;
  const key = (change: SlaChange) =>
    `${change.hlc}\u0000${change.atMs}\u0000${change.to === undefined ? '-' : (change.to ?? '')}\u0000${change.yields === true ? 1 : 0}\u0000${levelsKey(change)}`;
  const a = held.map(key).sort();
  const b = fresh.map(key).sort();
  return a.every((value, i) => value === b[i]);
}

/** An impact/urgency change as text ('' when the change moved neither), so rows stored before v13 count as differing. */
function levelsKey(change: SlaChange): string {
  const levels = change.levels;
  return levels ? `${levels.impact?.join('>') ?? ''}/${levels.urgency?.join('>') ?? ''}` : '';
}

/** The incident in a stored row of any schema version (index-only fields of every version stripped). */
function incidentOf(row: IncidentRow & { searchWords?: unknown; slaStartMs?: unknown }): Incident {
  const {
    categoryKey: _c, siteKey: _s, majorFlag: _m, assigneeKey: _a, teamKey: _t, searchWords: _w, searchKeys: _k, noteWords: _n,
    slaChanges: _sc, slaGroup: _sg, slaKey: _sk, slaStartMs: _ss, ...incident
  } = row;
  return incident;
}

export function applySchema(db: Dexie, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): void {
  // Dexie runs every pending upgrade of one open with the same transaction: the first to run plans the steps of all.
  const reporters = new WeakMap<Transaction, ReportUpgradeStep>();
  for (const entry of versions) {
    const version = db.version(entry.version).stores(entry.stores);
    const upgrade = entry.upgrade;
    if (!upgrade) continue;
    version.upgrade((tx) => {
      let report = reporters.get(tx);
      if (!report) {
        report = upgradeStepReporter(versions.filter((later) => later.version >= entry.version && later.upgrade).flatMap((later) => later.steps ?? []));
        reporters.set(tx, report);
      }
      return upgrade(tx, report);
    });
  }
}
