// The single write path: one transaction that ticks the HLC, runs a domain command and stores incident, event and operation.
import { Dexie, type Transaction } from 'dexie';
import { EARLIEST_PLAUSIBLE_YEAR, formatIncidentNumber, LATEST_PLAUSIBLE_YEAR, newId, tickHlc, zonedTimeFromEpoch, type CommandContext, type CommandError, type CommandOutcome, type CommandResult } from '../../shared/domain';
import { operationSchema, toOperation, type Operation } from '../../shared/sync/operation';
import type { Clock } from './clock';
import { DEFAULT_AUTHOR } from './current-user';
import type { LanternDb } from './database';
import { ensureDevice, type DeviceIdentity } from './device';
import { incidentRowAfter } from './incident-row';
import { writeMeta, type MetaValues } from './meta';
import { fail, succeed, type RepoError, type RepoResult } from './repo-result';
import { describeStorageError, isQuotaError, isStorageError } from './storage';

/** What a command sees inside the transaction; it may read tables through `db` (same transaction). */
export interface CommandScope {
  ctx: CommandContext;
  device: DeviceIdentity;
  /** The counter for a new incident's number; claiming it advances the device counter if the change commits. */
  claimIncidentCounter: () => Promise<number>;
}

/** A step that decides the change, or refuses with an error (then nothing at all is written). */
export type PlannedCommand = (scope: CommandScope) => Promise<CommandResult | { ok: false; error: RepoError }>;

export interface CommittedChange extends CommandOutcome {
  operation: Operation;
}

/** Thrown inside the transaction to roll it back; carries the error to return, never escapes this module. */
class RefusedChange extends Error {
  constructor(readonly refusal: RepoError) {
    super(refusal.message);
  }
}

export async function commitChange(db: LanternDb, clock: Clock, command: PlannedCommand): Promise<RepoResult<CommittedChange>> {
  let transaction: Transaction | undefined;
  try {
    const committed = await db.transaction('rw', [db.incidents, db.timeline, db.outbox, db.meta], async () => {
      transaction = Dexie.currentTransaction;
      // One read for everything the change needs from meta: each awaited request costs a round trip.
      let meta = await readChangeMeta(db);
      if (!meta.device) {
        // First run: create the identity inside this transaction, together with the change.
        await ensureDevice(db);
        meta = await readChangeMeta(db);
      }
      const { device, counters, hlc } = meta;
      if (!device || !counters || !hlc) throw new Error('Device meta is incomplete: counters or HLC state missing');
      const author = meta.currentUser ?? DEFAULT_AUTHOR;

      // Read the clock once so the HLC stamp and the recorded time describe the same moment.
      const nowMs = clock.nowMs();
      const clockProblem = implausibleClock(nowMs);
      if (clockProblem) throw new RefusedChange(clockProblem);
      const tick = tickHlc(hlc, nowMs);
      const ctx: CommandContext = { deviceId: device.deviceId, author, now: zonedTimeFromEpoch(nowMs, clock.offsetMinutes()), hlc: tick.stamp, newId };

      let claimed: number | undefined;
      const claimIncidentCounter = async () => {
        claimed = await firstFreeCounter(db, device.devicePrefix, counters.nextIncidentCounter);
        return claimed;
      };

      const result = await command({ ctx, device, claimIncidentCounter });
      if (!result.ok) throw new RefusedChange(result.error);
      const { incident, event, change } = result.value;

      const operation = toOperation(change, { opId: newId(), deviceId: device.deviceId, deviceSeq: counters.nextDeviceSeq, hlc: tick.stamp });
      // Last border before HQ: an operation HQ would refuse forever must not enter the outbox.
      const checked = operationSchema.safeParse(operation);
      if (!checked.success) throw new RefusedChange(invalidOperation(checked.error.issues[0]));

      // Notes are searchable: the row keeps the words of earlier notes and adds this event's text.
      const previous = change.init ? undefined : await db.incidents.get(incident.id);
      const row = incidentRowAfter(previous, incident, event);
      // Issued together: IndexedDB runs them in order within the transaction, and the first failure aborts all.
      await Promise.all([
        change.init ? db.incidents.add(row) : db.incidents.put(row),
        db.timeline.add(event),
        db.outbox.add({ ...operation, state: 'pending' }),
        writeMeta(db, 'counters', {
          nextIncidentCounter: claimed === undefined ? counters.nextIncidentCounter : claimed + 1,
          nextDeviceSeq: counters.nextDeviceSeq + 1,
        }),
        writeMeta(db, 'hlc', tick.state),
      ]);
      return { incident, event, change, operation };
    });
    return succeed(committed);
  } catch (error) {
    if (error instanceof RefusedChange) return fail(error.refusal);
    // Storage failures are expected (disk full, another tab blocking); bugs are not and stay loud.
    // When IndexedDB aborts the transaction (quota at commit or while requests are in flight), the error
    // that reaches us may only say "aborted" or "inactive"; the transaction itself keeps the real cause.
    const abortCause: unknown = transaction?.idbtrans?.error;
    if (isQuotaError(abortCause)) return fail(describeStorageError(abortCause));
    if (isStorageError(error)) return fail(describeStorageError(error));
    throw error;
  }
}

async function readChangeMeta(db: LanternDb): Promise<Partial<MetaValues>> {
  const rows = await db.meta.bulkGet(['device', 'counters', 'hlc', 'currentUser']);
  const values: Partial<Record<string, unknown>> = {};
  for (const row of rows) if (row) values[row.key] = row.value;
  return values as Partial<MetaValues>;
}

/**
 * Two devices can draw the same 4-character prefix (1 in ~1M per pair), so a synced incident may already
 * hold the number this device would use next. Skipping it keeps the unique number index from refusing
 * every new incident on this device from then on.
 */
async function firstFreeCounter(db: LanternDb, devicePrefix: string, from: number): Promise<number> {
  let counter = from;
  while ((await db.incidents.where('number').equals(formatIncidentNumber(devicePrefix, counter)).count()) > 0) counter += 1;
  return counter;
}

/**
 * A laptop with a dead CMOS battery says 1970; the domain would refuse the time with a message about
 * "reportedAt" or "utc" that nobody can act on. Say what is wrong and how to fix it instead.
 */
function implausibleClock(nowMs: number): RepoError | undefined {
  const year = Number.isFinite(nowMs) ? new Date(nowMs).getUTCFullYear() : Number.NaN;
  if (year >= EARLIEST_PLAUSIBLE_YEAR && year <= LATEST_PLAUSIBLE_YEAR) return undefined;
  const shown = Number.isNaN(year) ? 'an invalid date' : new Date(nowMs).toISOString().slice(0, 10);
  return {
    code: 'clock-wrong',
    message: `This computer's clock says ${shown}, so Lantern cannot date this change. Nothing was saved. Set the correct date and time in the system settings, then try again.`,
  };
}

function invalidOperation(issue: { path: PropertyKey[]; message: string } | undefined): RepoError {
  const last = issue?.path.at(-1);
  const field = typeof last === 'string' ? last : undefined;
  return { code: 'invalid-input', ...(field ? { field } : {}), message: issue?.message ?? 'This change cannot be saved.' } satisfies CommandError;
}
