// The scheduler's incident source in the main process: watches pushed by the renderer (which owns the database).
import type { SlaPolicy, SlaWatch } from '../domain';
import type { IncidentSource, IncidentWatch } from './types';

export class WatchCache implements IncidentSource {
  private readonly watches = new Map<string, SlaWatch>();

  /** `policies[0]` is the default for watches naming an unknown policy. */
  constructor(private policies: readonly SlaPolicy[]) {
    if (policies.length === 0) throw new Error('WatchCache needs at least one SLA policy');
  }

  /** Stores fresh watches; returns the ids to pass to scheduler.onIncidentsChanged. */
  put(watches: readonly SlaWatch[]): string[] {
    for (const watch of watches) this.watches.set(watch.id, watch);
    return watches.map((w) => w.id);
  }

  /** Forgets incidents (deleted, or no longer open on this device); returns their ids for re-planning. */
  remove(ids: readonly string[]): string[] {
    for (const id of ids) this.watches.delete(id);
    return [...ids];
  }

  setPolicies(policies: readonly SlaPolicy[]): string[] {
    if (policies.length === 0) throw new Error('WatchCache needs at least one SLA policy');
    this.policies = policies;
    return [...this.watches.keys()];
  }

  ids(): string[] {
    return [...this.watches.keys()];
  }

  async get(ids: readonly string[]): Promise<IncidentWatch[]> {
    const found: IncidentWatch[] = [];
    for (const id of ids) {
      const watch = this.watches.get(id);
      if (!watch) continue;
      const policy = this.policies.find((p) => p.id === watch.policyId) ?? this.policies[0]!;
      found.push({
        id: watch.id,
        number: watch.number,
        title: watch.title,
        priority: watch.priority,
        major: watch.major,
        status: watch.status,
        assignee: watch.assignee,
        commander: watch.commander ?? null,
        sla: { createdAtMs: watch.createdAtMs, changes: watch.changes },
        policy,
        lastUpdateAt: watch.lastUpdateAt,
        updateEveryMinutes: watch.updateEveryMinutes,
      });
    }
    return found;
  }
}
