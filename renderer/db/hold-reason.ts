// Hold reason change while on hold: the reason's field-change entry and, when given, a note, in one transaction.
import { addNote, changeHoldReason, type Incident } from '../../shared/domain';
import { systemClock, type Clock } from './clock';
import type { PlannedCommand } from './commit-change';
import { compoundWrite } from './compound-write';
import type { LanternDb } from './database';
import { onExistingIncident } from './on-incident';
import { readReferenceLists } from './reference';
import type { RepoResult } from './repo-result';

export interface HoldReasonInput {
  /** The new reason, from the hold reason list. */
  holdReason: string;
  /** Why it changed, in words; '' or absent: no note. */
  note?: string;
}

export interface HoldReasonRepository {
  /**
   * Changes why an incident on hold waits; it stays on hold (the SLA clocks are not touched). A note goes on the
   * timeline right after the change, in the same transaction: both are written, or neither (a refusal names `note`).
   */
  change(incidentId: string, input: HoldReasonInput): Promise<RepoResult<Incident>>;
}

export function createHoldReasonRepository(db: LanternDb, clock: Clock = systemClock): HoldReasonRepository {
  return {
    async change(incidentId, input) {
      // Read before the write, as a status change does: the list changes rarely.
      const lists = await readReferenceLists(db);
      const note = typeof input.note === 'string' ? input.note.trim() : '';
      return compoundWrite(db, clock, async (commit) => {
        const { incident } = await commit(onExistingIncident(incidentId, (current, { ctx }) => changeHoldReason(current, input.holdReason, ctx, { holdReasons: lists.holdReason })));
        if (note !== '') await commit(asNoteField(onExistingIncident(incidentId, (current, { ctx }) => addNote(current, note, ctx))));
        return incident;
      });
    },
  };
}

/** A refused note is reported at the form's note field (addNote names its text `text`). */
function asNoteField(command: PlannedCommand): PlannedCommand {
  return async (scope) => {
    const result = await command(scope);
    return result.ok ? result : { ok: false, error: { ...result.error, field: 'note' } };
  };
}
