// Test fixtures for the domain commands: a deterministic command context, a stored incident and deep freezing.
import { formatHlc, newId, recordIncident, type CommandContext, type Incident, type NewIncidentInput } from '../../../../shared/domain';

export const DEVICE_ID = 'device-test-01';
export const PREFIX = 'K7QM';
export const NOW = { utc: '2026-03-29T00:30:00.000Z', offsetMinutes: 60 } as const;
export const LATER = { utc: '2026-03-29T01:30:00.000Z', offsetMinutes: 120 } as const;

export function stamp(wallMs: number, counter = 0, node = DEVICE_ID): string {
  return formatHlc({ wallMs, counter, node });
}

/** A context whose ids are real UUIDv7s and whose HLC stamp is given (defaults to a fixed stamp). */
export function makeCtx(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    deviceId: DEVICE_ID,
    author: { name: 'Ana Field', position: 'Facility Unit Leader' },
    now: { ...NOW },
    hlc: stamp(Date.parse(NOW.utc)),
    newId,
    ...overrides,
  };
}

/** Recursively freezes a value so any mutation by the code under test throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A frozen, freshly recorded incident (status new) to run further commands against. */
export function recorded(input: Partial<NewIncidentInput> = {}, ctx: CommandContext = makeCtx()): Incident {
  const result = recordIncident({ title: 'Generator B failed to start', ...input }, 42, PREFIX, ctx);
  if (!result.ok) throw new Error(`fixture failed: ${result.error.message}`);
  return deepFreeze(result.value.incident);
}

/** A later context (new stamp, later clock) for the second command on an incident. */
export function laterCtx(counter = 1, overrides: Partial<CommandContext> = {}): CommandContext {
  return makeCtx({ now: { ...LATER }, hlc: stamp(Date.parse(LATER.utc), counter), ...overrides });
}

/** A JSON snapshot of a value, to prove it did not change. */
export function snapshot(value: unknown): string {
  return JSON.stringify(value);
}
