// Which SLA policy applies to an incident: its own override, else its site's policy, else the default (zod + one resolver).
import { z } from 'zod';
import { formatPath } from '../categories';
import { SEED_SLA_POLICIES, slaPoliciesSchema, slaPolicyIdSchema, type SlaPolicy } from './policy';

/** One site (a formatted path, "Main campus › Block A") mapped to a policy; sub-sites inherit it. */
export const sitePolicySchema = z.object({
  site: z.string().trim().min(1, 'Pick a site').max(1000),
  policyId: slaPolicyIdSchema,
});
export type SitePolicy = z.infer<typeof sitePolicySchema>;

/** The device's choice of default policy and the optional site → policy mapping. */
export const slaAssignmentSchema = z.object({
  defaultPolicyId: slaPolicyIdSchema,
  sitePolicies: z
    .array(sitePolicySchema)
    .max(500)
    .refine((list) => new Set(list.map((entry) => entry.site)).size === list.length, 'Each site can be mapped to one policy only'),
});
export type SlaAssignment = z.infer<typeof slaAssignmentSchema>;

/** Policies and how they are assigned, checked together: every id named must exist. */
export const slaPolicySetSchema = z
  .object({ policies: slaPoliciesSchema, assignment: slaAssignmentSchema })
  .superRefine((set, ctx) => {
    const ids = new Set(set.policies.map((p) => p.id));
    if (!ids.has(set.assignment.defaultPolicyId)) {
      ctx.addIssue({ code: 'custom', path: ['assignment', 'defaultPolicyId'], message: 'The default policy must be one of the policies' });
    }
    set.assignment.sitePolicies.forEach((entry, index) => {
      if (!ids.has(entry.policyId)) {
        ctx.addIssue({ code: 'custom', path: ['assignment', 'sitePolicies', index, 'policyId'], message: `“${entry.site}” is mapped to a policy that does not exist` });
      }
    });
  });
export type SlaPolicySet = z.infer<typeof slaPolicySetSchema>;

export const DEFAULT_SLA_ASSIGNMENT: SlaAssignment = { defaultPolicyId: SEED_SLA_POLICIES[0]!.id, sitePolicies: [] };
export const SEED_SLA_POLICY_SET: SlaPolicySet = { policies: [...SEED_SLA_POLICIES], assignment: DEFAULT_SLA_ASSIGNMENT };

/** What the resolver needs from an incident. */
export interface SlaSubject {
  readonly site: readonly string[];
  /** The incident's own policy (set in its detail view); null or absent: none. */
  readonly slaPolicyId?: string | null | undefined;
}

/** How the policy was chosen, for the detail view ("Silver — from site Main campus"). */
export type SlaPolicySource = 'incident' | 'site' | 'default';

export interface ResolvedSlaPolicy {
  readonly policy: SlaPolicy;
  readonly source: SlaPolicySource;
  /** The mapped site path when source is 'site'. */
  readonly site?: string;
}

/**
 * Incident override → the most specific mapped site (the site itself, then its parents) → the default policy.
 * Ids that name no policy on this device (deleted here, or set on another device) are skipped, never an error;
 * a set without its default falls back to its first policy, and an empty set to the first seed tier.
 */
export function resolveSlaPolicyDetail(subject: SlaSubject, set: SlaPolicySet): ResolvedSlaPolicy {
  const byId = (id: string | null | undefined) => (id ? set.policies.find((p) => p.id === id) : undefined);
  const own = byId(subject.slaPolicyId);
  if (own) return { policy: own, source: 'incident' };
  if (set.assignment.sitePolicies.length > 0) {
    for (let depth = subject.site.length; depth > 0; depth--) {
      const site = formatPath(subject.site.slice(0, depth));
      const mapped = byId(set.assignment.sitePolicies.find((entry) => entry.site === site)?.policyId);
      if (mapped) return { policy: mapped, source: 'site', site };
    }
  }
  return { policy: byId(set.assignment.defaultPolicyId) ?? set.policies[0] ?? SEED_SLA_POLICIES[0]!, source: 'default' };
}

/** The policy whose targets and calendar an incident's clocks run on. */
export function resolveSlaPolicy(subject: SlaSubject, set: SlaPolicySet): SlaPolicy {
  return resolveSlaPolicyDetail(subject, set).policy;
}

/** The policies with the default first: the order the notification service expects (its fallback is the first). */
export function policiesDefaultFirst(set: SlaPolicySet): SlaPolicy[] {
  const first = set.policies.find((p) => p.id === set.assignment.defaultPolicyId);
  return first ? [first, ...set.policies.filter((p) => p !== first)] : [...set.policies];
}
