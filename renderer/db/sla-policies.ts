// SLA policies as reference data: rows in `slaPolicies` (schema v5) seeded with the iTop tiers, plus the assignment in meta.
import { Dexie, type Table } from 'dexie';
import {
  DEFAULT_SLA_ASSIGNMENT,
  SEED_SLA_POLICIES,
  SEED_SLA_POLICY_SET,
  SLA_PAUSED,
  SLA_RUNNING,
  slaAssignmentSchema,
  slaPolicySchema,
  slaPolicySetSchema,
  type PolicySetResult,
  type SlaPolicy,
  type SlaPolicySet,
} from '../../shared/domain';
import type { LanternDb } from './database';
import type { IncidentRow } from './incident-row';
import { readMeta } from './meta';
import { cachedPolicySet, rememberPolicySet } from './sla-policy-cache';
import { slaOrderOf } from './sla-order';

/** A stored policy; `order` keeps the list in the order people arranged it. */
export type SlaPolicyRow = SlaPolicy & { order: number };

export function seedSlaPolicyRows(): SlaPolicyRow[] {
  return SEED_SLA_POLICIES.map((policy, order) => ({ ...policy, order }));
}

/** Seeds the iTop tiers into an (empty) policy table; used by populate and by the v5 upgrade. */
export async function seedSlaPolicies(table: Table<SlaPolicyRow, string>): Promise<void> {
  await table.bulkPut(seedSlaPolicyRows());
}

function withoutOrder({ order: _order, ...policy }: SlaPolicyRow): unknown {
  return policy;
}

/**
 * The policies and their assignment, always usable: damaged rows are skipped (and reported), an empty table
 * reads as the seed tiers, and a default that names no stored policy falls back to the first one.
 */
export async function readSlaPolicySet(db: LanternDb): Promise<SlaPolicySet> {
  const [rows, storedAssignment] = await Promise.all([db.slaPolicies.orderBy('order').toArray(), readMeta(db, 'slaAssignment')]);
  return policySetFrom(rows, storedAssignment);
}

/** The usable set from stored rows and assignment (see readSlaPolicySet); also for upgrades, which read through their transaction. */
export function policySetFrom(rows: readonly SlaPolicyRow[], storedAssignment: unknown): SlaPolicySet {
  const policies: SlaPolicy[] = [];
  for (const row of rows) {
    const parsed = slaPolicySchema.safeParse(withoutOrder(row));
    if (parsed.success) policies.push(parsed.data);
    else console.warn(`Lantern: SLA policy “${String(row.id)}” is damaged and was skipped`, parsed.error.issues[0]?.message);
  }
  if (policies.length === 0) return SEED_SLA_POLICY_SET;
  const assignment = slaAssignmentSchema.safeParse(storedAssignment ?? DEFAULT_SLA_ASSIGNMENT);
  const candidate = { policies, assignment: assignment.success ? assignment.data : DEFAULT_SLA_ASSIGNMENT };
  if (slaPolicySetSchema.safeParse(candidate).success) return candidate;
  // Ids the assignment names that are gone (a damaged row): keep the mappings that still work.
  const ids = new Set(policies.map((p) => p.id));
  return {
    policies,
    assignment: {
      defaultPolicyId: ids.has(candidate.assignment.defaultPolicyId) ? candidate.assignment.defaultPolicyId : policies[0]!.id,
      sitePolicies: candidate.assignment.sitePolicies.filter((entry) => ids.has(entry.policyId)),
    },
  };
}

/**
 * The set in force, read (and cached) only when the cache is behind meta. Inside a transaction it reads in that one
 * (which must hold slaPolicies and meta), so the version and the set it caches are from the same snapshot.
 */
export function policySetInForce(db: LanternDb): Promise<SlaPolicySet> {
  const read = async () => {
    const version = await readMeta(db, 'slaPolicyVersion');
    const hit = cachedPolicySet(db, version);
    if (hit) return hit;
    const set = await readSlaPolicySet(db);
    rememberPolicySet(db, version, set);
    return set;
  };
  return Dexie.currentTransaction ? read() : db.transaction('r', [db.slaPolicies, db.meta], read);
}

/**
 * Reads the current set, applies one edit and stores the whole result, in one transaction: two windows editing
 * at once cannot interleave, and a refused edit (the message is returned) writes nothing. The same transaction
 * places every running or paused resolve clock again under the new set (the slaOrder index), and bumps the version
 * that cached sets are checked against, so no write after it can use the old set.
 */
export async function editSlaPolicies(db: LanternDb, edit: (current: SlaPolicySet) => PolicySetResult): Promise<PolicySetResult> {
  let committed: { version: number; set: SlaPolicySet } | undefined;
  const result = await db.transaction('rw', [db.slaPolicies, db.meta, db.incidents], async (): Promise<PolicySetResult> => {
    const result = edit(await readSlaPolicySet(db));
    if (!result.ok) return result;
    const parsed = slaPolicySetSchema.safeParse(result.value);
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The policies are not valid.' };
    const version = ((await readMeta(db, 'slaPolicyVersion')) ?? 0) + 1;
    await db.slaPolicies.clear();
    await db.slaPolicies.bulkPut(parsed.data.policies.map((policy, order) => ({ ...policy, order })));
    await db.meta.bulkPut([
      { key: 'slaAssignment', value: parsed.data.assignment },
      { key: 'slaPolicyVersion', value: version },
    ]);
    await rekeySlaClocks(db.incidents, parsed.data);
    committed = { version, set: parsed.data };
    return { ok: true, value: parsed.data };
  });
  if (committed) rememberPolicySet(db, committed.version, committed.set);
  return result;
}

/** Rows re-keyed per request: bounds memory on a large database (rows are ~5 KB). */
const REKEY_CHUNK = 2_000;

/**
 * Every row whose SLA clock runs or is paused, with its key under `policies`. A policy edit cannot start a
 * stopped clock, so stopped rows keep theirs. Keys are read first: the index being rewritten is not walked as it changes.
 * Also the v9 upgrade (a new meaning of the key), which reports its progress through `onChunk`.
 */
export async function rekeySlaClocks(incidents: Table<IncidentRow, string>, policies: SlaPolicySet, onChunk?: (done: number, total: number) => void): Promise<void> {
  const ids = await incidents.where('[slaGroup+slaKey]').between([SLA_RUNNING, Dexie.minKey], [SLA_PAUSED, Dexie.maxKey]).primaryKeys();
  for (let from = 0; from < ids.length; from += REKEY_CHUNK) {
    const rows = await incidents.bulkGet(ids.slice(from, from + REKEY_CHUNK));
    const changed: IncidentRow[] = [];
    for (const row of rows) {
      if (!row) continue;
      const place = slaOrderOf(row, { changes: row.slaChanges ?? [], policies }, row.updatedAt);
      if (place.slaGroup !== row.slaGroup || place.slaKey !== row.slaKey) changed.push({ ...row, ...place });
    }
    if (changed.length > 0) await incidents.bulkPut(changed);
    onChunk?.(Math.min(ids.length, from + REKEY_CHUNK), ids.length);
  }
}
