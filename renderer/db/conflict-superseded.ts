// Whether a conflict is settled by a later change of its field: a read rule every device applies alike.
import { compareHlc } from '../../shared/domain';
import type { ConflictSide } from '../../shared/sync/merge';

/**
 * A conflict is superseded once the field carries a stamp newer than both of its sides: someone changed the field
 * after the clash (e.g. "Use the other value", a normal edit), so neither side is what the incident holds and there
 * is nothing left to pick. Read from the field's stamp, not written anywhere, so every device — also one that pulls
 * the whole history later — reaches the same answer without a resolve operation.
 */
export function isConflictSuperseded(conflict: { winner: Pick<ConflictSide, 'hlc'>; loser: Pick<ConflictSide, 'hlc'> }, fieldStamp: string | undefined): boolean {
  if (fieldStamp === undefined) return false;
  return compareHlc(fieldStamp, conflict.winner.hlc) > 0 && compareHlc(fieldStamp, conflict.loser.hlc) > 0;
}
