// The single write path: one transaction that ticks the HLC, runs a domain command and stores incident, event and operation.
import { Dexie, type Transaction } from 'dexie';
import { clockMarkAt, EARLIEST_PLAUSIBLE_YEAR, formatIncidentNumber, LATEST_PLAUSIBLE_YEAR, newId, tickHlc, zonedTimeFromEpoch, type CommandContext, type CommandError, type CommandOutcome, type CommandResult } from '../../shared/domain';
import { operationSchema, toOperation, type Operation } from '../../shared/sync/operation';
import type { Clock } from './clock';
import { DEFAULT_AUTHOR } from './current-user';
import type { LanternDb } from './database';
import { ensureDevice, type DeviceIdentity } from './device';
import { incidentRowAfter, type IncidentRow } from './incident-row';
import { guessChangeMeta, readChangeMeta, rememberChangeMeta, sameChangeMeta, type ChangeMeta } from './change-meta';
import { writeMetas } from './meta';
import { policySetInForce } from './sla-policies';
import { cachedPolicySet } from './sla-policy-cache';
import { fail, succeed, type RepoError, type RepoResult } from './repo-result';
import { describeWriteFailure } from './storage';

/** What a command sees inside the transaction; it may read tables through `db` (same transaction). */
export interface CommandScope {
  ctx: CommandContext;
  device: DeviceIdentity;
  /** The counter for a new incident's number; claiming it advances the device counter if the change commits. */
  claimIncidentCounter: () => Promise<number>;
  /** Reads an incident's row in this transaction; the write reuses it instead of reading the row again. */
  readIncidentRow: (id: string) => Promise<IncidentRow | undefined>;
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
  // Inside a caller's transaction a wrong guess could not be rolled back alone, and the caller may still roll
  // back what we write: nested changes read first and leave no guess behind.
  const nested = Dexie.currentTransaction !== null;
  const guess = nested ? undefined : guessChangeMeta(db);
  rememberChangeMeta(db, undefined);
  let outcome = guess ? await attemptChange(db, clock, command, guess) : GUESS_MISSED;
  if (outcome === GUESS_MISSED) outcome = await attemptChange(db, clock, command, undefined);
  if (outcome === GUESS_MISSED) throw new Error('A change that read its meta first cannot miss a guess');
  if (!outcome.ok) return outcome;
  if (!nested) rememberChangeMeta(db, outcome.value.meta);
  return succeed(outcome.value.change);
}

/** The attempt started from a guess that the transaction's own reads contradicted; it was rolled back. */
const GUESS_MISSED = Symbol('guess missed');

/** Thrown inside the transaction to roll back an attempt whose guess did not hold. */
class GuessMissed extends Error {}

interface Attempt {
  change: CommittedChange;
  /** Meta as this change left it: the guess for the next change. */
  meta: ChangeMeta;
}

/**
 * One attempt in one transaction. With a `guess` (the meta this handle committed last), the change is planned
 * from the guess and meta is read together with the writes instead of before them: reading first costs a round
 * trip to the storage process and back (two for a new incident: meta, then its number), 1–2 ms per save in the
 * bench. The answers are checked before the transaction can commit, and a difference (another tab, the sync)
 * rolls everything back; the caller then retries reading first. So counters, HLC and numbers are exactly what
 * reading first would have given.
 */
async function attemptChange(db: LanternDb, clock: Clock, command: PlannedCommand, guess: ChangeMeta | undefined): Promise<RepoResult<Attempt> | typeof GUESS_MISSED> {
  let transaction: Transaction | undefined;
  try {
    const committed = await db.transaction('rw', [db.incidents, db.timeline, db.outbox, db.meta, db.slaPolicies], async () => {
      transaction = Dexie.currentTransaction;
      let meta = guess ?? (await readChangeMeta(db));
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
      const clockMark = clockMarkAt(meta.clockCheck, nowMs);
      const ctx: CommandContext = {
        deviceId: device.deviceId, author, now: zonedTimeFromEpoch(nowMs, clock.offsetMinutes()), hlc: tick.stamp, newId,
        ...(clockMark ? { clock: clockMark } : {}),
      };

      let claimed: number | undefined;
      const claimIncidentCounter = async () => {
        // Guessing, the number's uniqueness is checked after the row is written (below) instead of before.
        claimed = guess ? counters.nextIncidentCounter : await firstFreeCounter(db, device.devicePrefix, counters.nextIncidentCounter);
        return claimed;
      };

      const rowsRead = new Map<string, IncidentRow | undefined>();
      const readIncidentRow = async (id: string) => {
        const row = await db.incidents.get(id);
        rowsRead.set(id, row);
        return row;
      };

      const result = await command({ ctx, device, claimIncidentCounter, readIncidentRow });
      if (!result.ok) throw new RefusedChange(result.error);
      const { incident, event, change } = result.value;

      // The event's stamp, which is this transaction's tick for every change a person makes; a system change may stamp
      // itself lower (an automatic close yields to a concurrent reopen) and HQ requires the change and its event to agree.
      const operation = toOperation(change, { opId: newId(), deviceId: device.deviceId, deviceSeq: counters.nextDeviceSeq, hlc: event.hlc });
      // Last border before HQ: an operation HQ would refuse forever must not enter the outbox.
      const checked = operationSchema.safeParse(operation);
      if (!checked.success) throw new RefusedChange(invalidOperation(checked.error.issues[0]));

      // Notes are searchable: the row keeps the words of earlier notes and adds this event's text.
      const previous = change.init ? undefined : rowsRead.has(incident.id) ? rowsRead.get(incident.id) : await db.incidents.get(incident.id);
      // The row's SLA key needs the policies in force: cached under meta's policy version (checked with the guess).
      const policies = cachedPolicySet(db, meta.slaPolicyVersion) ?? (await policySetInForce(db));
      const row = incidentRowAfter(previous, incident, event, policies);
      const nextCounters = {
        nextIncidentCounter: claimed === undefined ? counters.nextIncidentCounter : claimed + 1,
        nextDeviceSeq: counters.nextDeviceSeq + 1,
      };
      // Guessing, meta is read now, before the writes: requests run in order, so it sees meta as this change found it
      // (the transaction holds meta from its start, so nobody else can have written it in between).
      const reading = guess ? readChangeMeta(db) : undefined;
      // Issued together: IndexedDB runs them in order within the transaction, and the first failure aborts all.
      // Both meta rows go in one bulkPut: one pass through Dexie's middleware (and its hooks) instead of two.
      const writes = Promise.all([
        change.init ? db.incidents.add(row) : db.incidents.put(row),
        db.timeline.add(event),
        db.outbox.add({ ...operation, state: 'pending' }),
        writeMetas(db, [
          { key: 'counters', value: nextCounters },
          { key: 'hlc', value: tick.state },
        ]),
      ]);
      // Issued after the incident row, so a free number counts exactly one row: ours.
      const numberTaken = guess && claimed !== undefined ? db.incidents.where('number').equals(incident.number).count() : undefined;
      const [, read, taken] = await Promise.all([writes, reading, numberTaken]);
      if (guess && read && (!sameChangeMeta(read, guess) || (taken !== undefined && taken !== 1))) throw new GuessMissed();
      const committedMeta: ChangeMeta = {
        device,
        counters: nextCounters,
        hlc: tick.state,
        ...(meta.currentUser ? { currentUser: meta.currentUser } : {}),
        ...(meta.slaPolicyVersion !== undefined ? { slaPolicyVersion: meta.slaPolicyVersion } : {}),
        // Every key sameChangeMeta compares must be here, or the next change's guess misses every time.
        ...(meta.clockCheck !== undefined ? { clockCheck: meta.clockCheck } : {}),
      };
      return { change: { incident, event, change, operation } satisfies CommittedChange, meta: committedMeta };
    });
    return succeed(committed);
  } catch (error) {
    if (error instanceof RefusedChange) return fail(error.refusal);
    // A stale guess can fail before its check runs (the outbox refuses a deviceSeq another tab has used), so any
    // failure of a guessed attempt, rolled back like every failure, is retried reading first; that one reports.
    if (guess || error instanceof GuessMissed) return GUESS_MISSED;
    // Storage failures are expected (disk full, another tab blocking); bugs are not and stay loud.
    // When IndexedDB aborts the transaction (quota at commit or while requests are in flight), the error
    // that reaches us may only say "aborted" or "inactive"; the transaction itself keeps the real cause.
    const storage = describeWriteFailure(error, transaction);
    if (storage) return fail(storage);
    throw error;
  }
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
