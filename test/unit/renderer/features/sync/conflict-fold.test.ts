// Folding a status clash's companion-field conflicts into one entry, and how that entry is worded.
import { describe, expect, it } from 'vitest';
import { foldConflicts, groupIds } from '../../../../../renderer/features/sync/conflict-fold';
import { groupSummary, sideWords } from '../../../../../renderer/features/sync/conflict-words';

const W = '001795701601000-0000-b';
const L = '001795701600000-0000-a';

function conflict(field: string, winner: unknown, loser: unknown, pair: [string, string] = [W, L], incidentId = 'i1') {
  return { id: `${incidentId}:${field}:${pair[1]}:${pair[0]}`, incidentId, field, winner: { hlc: pair[0], value: winner }, loser: { hlc: pair[1], value: loser } };
}

describe('foldConflicts', () => {
  it('puts the companions of the same two status changes under the Status conflict, whatever order they come in', () => {
    const groups = foldConflicts([
      conflict('resolutionNotes', null, 'A resolved it'),
      conflict('holdReason', 'Awaiting vendor', null),
      conflict('status', 'on_hold', 'resolved'),
      conflict('resolutionCode', null, 'Hardware repaired'),
      conflict('title', 'New', 'Old'),
    ]);
    expect(groups.map((group) => [group.lead.field, group.companions.map((c) => c.field)])).toEqual([
      ['status', ['holdReason', 'resolutionCode', 'resolutionNotes']],
      ['title', []],
    ]);
    expect(groupIds(groups[0]!)).toHaveLength(4);
  });

  it('leaves companions alone when no Status conflict has the same pair of changes (two hold reasons) or the incident differs', () => {
    const groups = foldConflicts([
      conflict('status', 'on_hold', 'resolved'),
      conflict('holdReason', 'Awaiting vendor', 'Awaiting caller', ['001795701609000-0000-b', L]),
      conflict('resolutionCode', null, 'Fixed', [W, L], 'i2'),
    ]);
    expect(groups.map((group) => [group.lead.field, group.companions.length])).toEqual([
      ['status', 0],
      ['holdReason', 0],
      ['resolutionCode', 0],
    ]);
  });
});

describe('conflict words', () => {
  it('names each side by its status and what came with it, skipping empty companions', () => {
    const [group] = foldConflicts([
      conflict('status', 'on_hold', 'resolved'),
      conflict('holdReason', 'Awaiting vendor', null),
      conflict('resolutionCode', null, 'Hardware repaired'),
      conflict('resolutionNotes', null, 'A resolved it'),
    ]);
    expect(groupSummary(group!)).toBe('Status: On hold (Awaiting vendor) was kept; Resolved (Hardware repaired — “A resolved it”) was not.');
  });

  it('keeps long notes to one short line', () => {
    const [group] = foldConflicts([conflict('status', 'on_hold', 'resolved'), conflict('resolutionNotes', null, `Line one\n${'x'.repeat(200)}`)]);
    const words = sideWords(group!, 'loser');
    expect(words).not.toContain('\n');
    expect(words.length).toBeLessThan(110);
    expect(words).toMatch(/^Resolved \(“Line one x+…”\)$/);
  });
});
