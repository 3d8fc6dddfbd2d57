// Folds the companion-field conflicts of one status clash into its Status conflict, for display and alerts only.
import { STATUS_COMPANION_FIELDS } from '../../../shared/domain';

/** What folding needs of a conflict (a stored row or the list's view of one). */
export interface FoldableConflict {
  readonly id: string;
  readonly incidentId: string;
  readonly field: string;
  readonly winner: { readonly hlc: string };
  readonly loser: { readonly hlc: string };
}

/** One entry a person sees and acts on: a conflict, with the companion conflicts its status change brought along. */
export interface ConflictGroup<T extends FoldableConflict> {
  readonly lead: T;
  /** Companion fields (hold reason, resolution, …) of the same two status changes, in STATUS_COMPANION_FIELDS order. */
  readonly companions: readonly T[];
}

const COMPANIONS: readonly string[] = STATUS_COMPANION_FIELDS;

export function isStatusCompanion(field: string): boolean {
  return COMPANIONS.includes(field);
}

/**
 * The same two operations: a status change writes its companions with the status's stamp (commands.ts), so merge
 * records one conflict per field with the same pair of stamps. Stored conflicts stay per field (identical on every
 * replica); only what people see is folded.
 */
export function sameChangePair(a: FoldableConflict, b: FoldableConflict): boolean {
  return a.incidentId === b.incidentId && a.winner.hlc === b.winner.hlc && a.loser.hlc === b.loser.hlc;
}

function pairKey(conflict: FoldableConflict): string {
  return JSON.stringify([conflict.incidentId, conflict.winner.hlc, conflict.loser.hlc]);
}

/**
 * Groups in the order of their leads; a companion conflict whose Status conflict is in `conflicts` joins it wherever
 * it stands, one without (both sides chose the same status, e.g. two hold reasons) stays an entry of its own.
 */
export function foldConflicts<T extends FoldableConflict>(conflicts: readonly T[]): ConflictGroup<T>[] {
  const statusByPair = new Map<string, T>();
  for (const conflict of conflicts) if (conflict.field === 'status') statusByPair.set(pairKey(conflict), conflict);
  const companionsOf = new Map<string, T[]>();
  const leads: T[] = [];
  for (const conflict of conflicts) {
    const status = isStatusCompanion(conflict.field) ? statusByPair.get(pairKey(conflict)) : undefined;
    if (status === undefined) {
      leads.push(conflict);
      continue;
    }
    const list = companionsOf.get(status.id) ?? [];
    list.push(conflict);
    companionsOf.set(status.id, list);
  }
  return leads.map((lead) => ({
    lead,
    companions: (companionsOf.get(lead.id) ?? []).sort((a, b) => COMPANIONS.indexOf(a.field) - COMPANIONS.indexOf(b.field)),
  }));
}

/** Every stored conflict an entry stands for: acted on together, so companions never part from their status. */
export function groupIds(group: ConflictGroup<FoldableConflict>): string[] {
  return [group.lead.id, ...group.companions.map((conflict) => conflict.id)];
}
