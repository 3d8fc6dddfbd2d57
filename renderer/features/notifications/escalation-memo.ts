// What the escalation runner remembers per open incident: when its next escalation can be due, for the row version it saw.
import type { IncidentRow } from '../../db';
import type { SlaPolicy } from '../../../shared/domain';

interface Entry {
  /** rowVersion() of the row the instant was computed for. */
  readonly version: string;
  /** Policies are immutable values replaced on edit, so identity says whether the targets are still the same. */
  readonly policy: SlaPolicy;
  /** Before this instant nothing can be due (nextEscalationCheckAt). */
  readonly checkAt: number;
  /** The pass that last saw the incident open, so incidents no longer open are forgotten. */
  pass: number;
}

/**
 * Every field that wins a merge, local or synced, takes that change's stamp, and every change of the timeline that
 * moves an SLA clock adds to slaChanges: a row whose version is unchanged has the same clocks' and rules' inputs.
 * All stamps, not the newest: a synced edit older than the last local one (an urgency raised elsewhere a minute
 * before a title edit here) moves neither updatedAt nor the newest stamp, yet changes the priority and the targets.
 */
export function rowVersion(row: IncidentRow): string {
  const stamps = Object.entries(row.stamps)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([field, value]) => `${field}=${value}`)
    .join(',');
  return `${row.updatedAt}\u0000${stamps}\u0000${row.slaChanges?.length ?? -1}`;
}

export interface EscalationMemo {
  /** True when this row, unchanged since it was remembered, has nothing due at `nowMs` (marks it as seen this pass). */
  skips(row: IncidentRow, policy: SlaPolicy, nowMs: number): boolean;
  remember(row: IncidentRow, policy: SlaPolicy, checkAt: number): void;
  forget(id: string): void;
  /** Starts a pass; see endPass. */
  beginPass(): void;
  /** After a complete pass: forgets incidents it did not see (closed, deleted). */
  endPass(): void;
  readonly size: number;
}

export function createEscalationMemo(): EscalationMemo {
  const entries = new Map<string, Entry>();
  let pass = 0;
  return {
    skips(row, policy, nowMs) {
      const entry = entries.get(row.id);
      if (entry === undefined) return false;
      if (entry.version !== rowVersion(row) || entry.policy !== policy) {
        entries.delete(row.id);
        return false;
      }
      entry.pass = pass;
      return nowMs < entry.checkAt;
    },
    remember(row, policy, checkAt) {
      entries.set(row.id, { version: rowVersion(row), policy, checkAt, pass });
    },
    forget(id) {
      entries.delete(id);
    },
    beginPass() {
      pass += 1;
    },
    endPass() {
      for (const [id, entry] of entries) if (entry.pass !== pass) entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}
