// How a (folded) conflict is put in words: "On hold (Awaiting parts) was kept; Resolved (Hardware repaired — “…”) was not".
import type { ConflictGroup, FoldableConflict } from './conflict-fold';
import { fieldLabel, fieldValueText } from '../field-words';

/** A conflict with both values, as stored or as listed. */
export interface WordedConflict extends FoldableConflict {
  readonly winner: { readonly hlc: string; readonly value: unknown };
  readonly loser: { readonly hlc: string; readonly value: unknown };
}

/** A field's value in words; the list passes one that names incidents by number. */
export type ValueText = (field: string, value: unknown) => string;

/** Free text (notes) shown inside one line: whitespace collapsed, long text shortened. */
const INLINE_MAX = 80;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function inline(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > INLINE_MAX ? `${flat.slice(0, INLINE_MAX - 1)}…` : flat;
}

/** What one side's companions add to its status, e.g. "Hardware repaired — “A resolved it”"; empty when nothing. */
function companionWords(companions: readonly WordedConflict[], side: 'winner' | 'loser', valueText: ValueText): string {
  const parts: string[] = [];
  for (const conflict of companions) {
    const value = conflict[side].value;
    if (isEmpty(value)) continue;
    const text = inline(valueText(conflict.field, value));
    if (conflict.field === 'resolutionNotes' || conflict.field === 'cancelReason') parts.push(`“${text}”`);
    else if (conflict.field === 'duplicateOf') parts.push(`duplicate of ${text}`);
    else parts.push(text);
  }
  return parts.join(' — ');
}

/** One side of an entry: the status with what came with it ("On hold (Awaiting parts)"), or the field's value. */
export function sideWords(group: ConflictGroup<WordedConflict>, side: 'winner' | 'loser', valueText: ValueText = fieldValueText): string {
  const main = inline(valueText(group.lead.field, group.lead[side].value));
  const extra = companionWords(group.companions, side, valueText);
  return extra === '' ? main : `${main} (${extra})`;
}

/** The entry's one-line story: "Status: On hold (Awaiting parts) was kept; Resolved (…) was not." */
export function groupSummary(group: ConflictGroup<WordedConflict>, valueText: ValueText = fieldValueText): string {
  return `${fieldLabel(group.lead.field)}: ${sideWords(group, 'winner', valueText)} was kept; ${sideWords(group, 'loser', valueText)} was not.`;
}
