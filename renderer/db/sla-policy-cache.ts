// The SLA policy set that writes place resolve clocks with, cached per database handle under meta's slaPolicyVersion.
import type { SlaPolicySet } from '../../shared/domain';
import type { LanternDb } from './database';

/**
 * Every write computes its row's slaOrder with the policies in force; reading them each time would cost a save a
 * round trip. editSlaPolicies bumps the version in meta, so a cached set is valid exactly while meta holds its version.
 */
const cache = new WeakMap<LanternDb, { version: number; set: SlaPolicySet }>();

export function cachedPolicySet(db: LanternDb, version: number | undefined): SlaPolicySet | undefined {
  const hit = cache.get(db);
  return hit && hit.version === (version ?? 0) ? hit.set : undefined;
}

/** Only for a set read in the same transaction that read `version` (or wrote both). */
export function rememberPolicySet(db: LanternDb, version: number | undefined, set: SlaPolicySet): void {
  cache.set(db, { version: version ?? 0, set });
}
