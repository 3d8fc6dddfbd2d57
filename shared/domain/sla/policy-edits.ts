// Edits of the SLA policy set (add, duplicate, replace, delete, default, site mapping): each returns a whole, valid set or a message.
import { type SlaPolicySet, slaPolicySetSchema } from './assignment';
import { SEED_SLA_POLICIES, type SlaPolicy } from './policy';

export type PolicySetResult = { ok: true; value: SlaPolicySet } | { ok: false; message: string };

/** Nothing half-valid leaves here: the whole set is checked after every edit. */
function checked(next: SlaPolicySet): PolicySetResult {
  const parsed = slaPolicySetSchema.safeParse(next);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'The policies are not valid.' };
}

/** A stable id from a name ("Night shift" → "night-shift"), made unique with a number when taken. */
export function newPolicyId(name: string, taken: readonly string[]): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'policy';
  const used = new Set(taken);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** Policies are replaced whole, never mutated, so copies may share nested objects. A new policy named `name`, starting from the first seed tier's targets (24×7, 50 % / 75 %). */
export function addPolicy(set: SlaPolicySet, name: string): PolicySetResult {
  if (name.trim() === '') return { ok: false, message: 'Name the policy' };
  const template = SEED_SLA_POLICIES[0]!;
  const policy: SlaPolicy = { ...template, id: newPolicyId(name, set.policies.map((p) => p.id)), name: name.trim() };
  return checked({ ...set, policies: [...set.policies, policy] });
}

export function duplicatePolicy(set: SlaPolicySet, id: string): PolicySetResult {
  const source = set.policies.find((p) => p.id === id);
  if (!source) return { ok: false, message: 'That policy no longer exists.' };
  const name = `${source.name} (copy)`.slice(0, 80);
  const copy: SlaPolicy = { ...source, id: newPolicyId(name, set.policies.map((p) => p.id)), name };
  return checked({ ...set, policies: [...set.policies, copy] });
}

/** Replaces the policy with the same id (targets, calendar, thresholds, name). */
export function replacePolicy(set: SlaPolicySet, policy: SlaPolicy): PolicySetResult {
  if (!set.policies.some((p) => p.id === policy.id)) return { ok: false, message: 'That policy no longer exists.' };
  return checked({ ...set, policies: set.policies.map((p) => (p.id === policy.id ? policy : p)) });
}

/**
 * The default and policies mapped to sites cannot go (incidents would silently change policy); choose another
 * first. Incidents that name a deleted policy themselves fall back to their site's policy or the default.
 */
export function deletePolicy(set: SlaPolicySet, id: string): PolicySetResult {
  const policy = set.policies.find((p) => p.id === id);
  if (!policy) return { ok: false, message: 'That policy no longer exists.' };
  if (set.policies.length === 1) return { ok: false, message: 'Keep at least one SLA policy.' };
  if (set.assignment.defaultPolicyId === id) return { ok: false, message: `${policy.name} is the default policy. Make another policy the default first.` };
  const sites = set.assignment.sitePolicies.filter((entry) => entry.policyId === id).map((entry) => entry.site);
  if (sites.length > 0) return { ok: false, message: `${policy.name} is used by ${sites.join(', ')}. Map ${sites.length === 1 ? 'that site' : 'those sites'} to another policy first.` };
  return checked({ ...set, policies: set.policies.filter((p) => p.id !== id) });
}

export function setDefaultPolicy(set: SlaPolicySet, id: string): PolicySetResult {
  return checked({ ...set, assignment: { ...set.assignment, defaultPolicyId: id } });
}

/** Maps a site (formatted path) to a policy; null removes the mapping so the site uses the default again. */
export function setSitePolicy(set: SlaPolicySet, site: string, policyId: string | null): PolicySetResult {
  const trimmed = site.trim();
  if (trimmed === '') return { ok: false, message: 'Pick a site' };
  const others = set.assignment.sitePolicies.filter((entry) => entry.site !== trimmed);
  const sitePolicies = policyId === null ? others : [...others, { site: trimmed, policyId }];
  return checked({ ...set, assignment: { ...set.assignment, sitePolicies } });
}
