// SLA policies as reference data: rows in `slaPolicies` (schema v5) seeded with the iTop tiers, plus the assignment in meta.
import type { Table } from 'dexie';
import {
  DEFAULT_SLA_ASSIGNMENT,
  SEED_SLA_POLICIES,
  SEED_SLA_POLICY_SET,
  slaAssignmentSchema,
  slaPolicySchema,
  slaPolicySetSchema,
  type PolicySetResult,
  type SlaPolicy,
  type SlaPolicySet,
} from '../../shared/domain';
import type { LanternDb } from './database';
import { readMeta } from './meta';

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
 * Reads the current set, applies one edit and stores the whole result, in one transaction: two windows editing
 * at once cannot interleave, and a refused edit (the message is returned) writes nothing.
 */
export async function editSlaPolicies(db: LanternDb, edit: (current: SlaPolicySet) => PolicySetResult): Promise<PolicySetResult> {
  return db.transaction('rw', db.slaPolicies, db.meta, async () => {
    const result = edit(await readSlaPolicySet(db));
    if (!result.ok) return result;
    const parsed = slaPolicySetSchema.safeParse(result.value);
    if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The policies are not valid.' };
    await db.slaPolicies.clear();
    await db.slaPolicies.bulkPut(parsed.data.policies.map((policy, order) => ({ ...policy, order })));
    await db.meta.put({ key: 'slaAssignment', value: parsed.data.assignment });
    return { ok: true, value: parsed.data };
  });
}
