// Facility system status (HICS 251): the command that records a snapshot, and each system's current state derived from all snapshots.
import type { Author } from './author';
import { eventBase, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import type { Incident } from './incident';
import {
  SYSTEM_STATE_LABELS,
  SYSTEM_STATES,
  SYSTEMS_PER_SNAPSHOT_MAX,
  systemKey,
  systemStatusLineSchema,
  type SystemState,
  type SystemStatusLine,
} from './system-status-schema';
import { causalOrder, type TimelineEvent } from './timeline';
import type { ZonedTime } from './zoned-time';

export type SystemStatusEvent = Extract<TimelineEvent, { kind: 'system_status' }>;

/** States that need a reason: someone reading the snapshot later must know what is wrong. */
const NEEDS_REASON: readonly SystemState[] = ['partial', 'non_functional'];

/** A snapshot's line as a person gives it; any field may be missing or wrong, the command says what to fix. */
export interface SystemStatusInput {
  system: string;
  state: SystemState | '';
  reason?: string;
  repairEstimate?: string;
}

function readOnly(incident: Incident): CommandResult | undefined {
  if (incident.status !== 'closed' && incident.status !== 'cancelled') return undefined;
  return { ok: false, error: { code: 'read-only', message: `This incident is ${incident.status}; its system status can no longer be recorded.` } };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Records one HICS 251 snapshot: the state of each listed system now. Each refusal names the row's field
 * (`systems.<index>.<field>`) so the form can show the message next to it; nothing is written on a refusal.
 */
export function recordSystemStatus(incident: Incident, lines: readonly SystemStatusInput[], ctx: CommandContext): CommandResult {
  const refused = readOnly(incident);
  if (refused) return refused;
  if (!Array.isArray(lines) || lines.length === 0) {
    return { ok: false, error: { code: 'missing-field', field: 'systems', message: 'Give the state of at least one system.' } };
  }
  if (lines.length > SYSTEMS_PER_SNAPSHOT_MAX) {
    return { ok: false, error: { code: 'invalid-value', field: 'systems', message: `A snapshot holds at most ${SYSTEMS_PER_SNAPSHOT_MAX} systems; remove ${lines.length - SYSTEMS_PER_SNAPSHOT_MAX}.` } };
  }
  const systems: SystemStatusLine[] = [];
  const seen = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    const field = (name: keyof SystemStatusLine) => `systems.${index}.${name}`;
    const system = text(line?.system);
    if (system === '') return { ok: false, error: { code: 'missing-field', field: field('system'), message: `Name the system in row ${index + 1}.` } };
    const state = line.state;
    if (!(SYSTEM_STATES as readonly unknown[]).includes(state)) {
      return { ok: false, error: { code: 'missing-field', field: field('state'), message: `Choose the state of ${system}.` } };
    }
    const reason = text(line.reason);
    if (reason === '' && NEEDS_REASON.includes(state as SystemState)) {
      return { ok: false, error: { code: 'missing-field', field: field('reason'), message: `Say why ${system} is ${SYSTEM_STATE_LABELS[state as SystemState].toLowerCase()}.` } };
    }
    const key = systemKey(system);
    if (seen.has(key)) {
      return { ok: false, error: { code: 'invalid-value', field: field('system'), message: `${system} is listed twice (rows ${seen.get(key)! + 1} and ${index + 1}); keep one row per system.` } };
    }
    seen.set(key, index);
    const parsed = systemStatusLineSchema.safeParse({ system, state, reason, repairEstimate: text(line.repairEstimate) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = issue?.path[0];
      return { ok: false, error: { code: 'invalid-input', ...(name !== undefined ? { field: `systems.${index}.${String(name)}` } : {}), message: issue?.message ?? 'This line is not valid.' } };
    }
    systems.push(parsed.data);
  }
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'system_status', systems };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

/** One system as the timeline says it is now: its latest line, the snapshot it came from, and what it was before. */
export interface CurrentSystemLine extends SystemStatusLine {
  /** systemKey of the name: the same system however it was capitalised. */
  key: string;
  /** When and by whom the snapshot holding this line was recorded. */
  at: ZonedTime;
  by: Author;
  eventId: string;
  /** The state before the current one (the system's last different state); null when it has had only this state. */
  previousState: SystemState | null;
}

export interface CurrentSystemStatus {
  /** The latest snapshot's systems in its order, then systems only earlier snapshots name (latest snapshot first). */
  systems: CurrentSystemLine[];
  /** The latest snapshot (HLC order), or null when none was recorded. */
  latest: { at: ZonedTime; by: Author; eventId: string } | null;
  counts: Record<SystemState, number>;
}

const NO_COUNTS: Record<SystemState, number> = { functional: 0, partial: 0, non_functional: 0, not_applicable: 0 };
export const NO_SYSTEM_STATUS: CurrentSystemStatus = { systems: [], latest: null, counts: NO_COUNTS };


/**
 * Each system's latest line across all snapshots, replayed in HLC order whatever order they arrived in.
 * Per system, not per snapshot: two laptops that each recorded some systems offline both count after sync,
 * and a system one of them did not name keeps its state from the other. Every replica derives the same result.
 */
export function currentSystemStatus(events: readonly TimelineEvent[]): CurrentSystemStatus {
  const snapshots = events.filter((event): event is SystemStatusEvent => event.kind === 'system_status');
  if (snapshots.length === 0) return NO_SYSTEM_STATUS;
  snapshots.sort(causalOrder);
  const current = new Map<string, CurrentSystemLine>();
  for (const snapshot of snapshots) {
    for (const line of snapshot.systems) {
      const key = systemKey(line.system);
      const before = current.get(key);
      const previousState = before === undefined ? null : before.state !== line.state ? before.state : before.previousState;
      current.set(key, { ...line, key, at: snapshot.at, by: snapshot.author, eventId: snapshot.id, previousState });
    }
  }
  const systems: CurrentSystemLine[] = [];
  const listed = new Set<string>();
  for (let i = snapshots.length - 1; i >= 0; i--) {
    for (const line of snapshots[i]!.systems) {
      const key = systemKey(line.system);
      if (listed.has(key)) continue;
      listed.add(key);
      systems.push(current.get(key)!);
    }
  }
  const counts = { ...NO_COUNTS };
  for (const line of systems) counts[line.state] += 1;
  const last = snapshots.at(-1)!;
  return { systems, latest: { at: last.at, by: last.author, eventId: last.id }, counts };
}

/** "3 non-functional, 2 partial", or "All 16 fully functional"; without the time (the UI formats it for its reader). */
export function summariseSystemStatus(status: CurrentSystemStatus): string {
  const { counts } = status;
  const problems = [
    counts.non_functional > 0 ? `${counts.non_functional} non-functional` : '',
    counts.partial > 0 ? `${counts.partial} partial` : '',
  ].filter((part) => part !== '');
  if (problems.length > 0) return problems.join(', ');
  if (counts.functional > 0) return counts.functional === 1 ? '1 system fully functional' : `All ${counts.functional} fully functional`;
  return 'No system in use (all N/A)';
}
