// Answers main's `replica:call` events with the page's LocalReplica and FileSource (Dexie) and replies over `replica:reply`.
import type { z } from 'zod';
import type { LanternBridge } from '../../shared/ipc/bridge';
import { MAX_REPLICA_ERROR_LENGTH, replicaCallSchema, type ReplicaCall, type ReplicaReply } from '../../shared/ipc/schemas/replica';
import type { FileSource } from '../../shared/sync/engine/file-upload';
import type { LocalReplica } from '../../shared/sync/engine/replica';

type ReplyError = Extract<ReplicaReply, { ok: false }>['error'];

export const RESPONDER_MESSAGES = {
  badCall: 'The call did not match the replica contract.',
  noFiles: 'This window cannot read attached files, so they were not sent. Restart Lantern.',
} as const;

/** Runs one validated call; methods without a result answer null. */
async function run(replica: LocalReplica, files: FileSource | undefined, call: ReplicaCall): Promise<unknown> {
  switch (call.method) {
    case 'pendingOps':
      return replica.pendingOps(call.args[0]);
    case 'pendingOpsAfter':
      // A replica without read-ahead answers with the plain pending list filtered (same result, one more read).
      return replica.pendingOpsAfter ? replica.pendingOpsAfter(...call.args) : (await replica.pendingOps(call.args[1])).filter((op) => op.deviceSeq > call.args[0]);
    case 'recordPushResults':
      await replica.recordPushResults(call.args[0]);
      return null;
    case 'getCursor':
      return replica.getCursor();
    case 'applyPulledPage':
      await replica.applyPulledPage(call.args[0]);
      return null;
    case 'resetForNewEpoch':
      await replica.resetForNewEpoch(call.args[0]);
      return null;
    case 'countPending':
      return replica.countPending();
    case 'renumberPending':
      // A replica that cannot renumber moves nothing (HQ's refusals then stand, as before).
      return replica.renumberPending ? replica.renumberPending(call.args[0]) : 0;
    case 'markOpsSent':
      // A replica without the marks shows no "sent" state; the push goes on regardless.
      await replica.markSent?.(call.args[0]);
      return null;
    case 'markOpsNotSent':
      await replica.markNotSent?.(call.args[0]);
      return null;
    case 'pendingFiles':
      return fileSource(files).pendingFiles(call.args[0], call.args[1]);
    case 'readFileChunk':
      return fileSource(files).readChunk(...call.args);
    case 'markFileUploaded':
      await fileSource(files).markUploaded(call.args[0]);
      return null;
  }
}

function fileSource(files: FileSource | undefined): FileSource {
  if (!files) throw new Error(RESPONDER_MESSAGES.noFiles);
  return files;
}

/** The first problem, e.g. "args.2: Too big: expected number to be <=1048576", without echoing the payload. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const path = issue.path.map(String).join('.');
  return `${path ? `${path}: ` : ''}${issue.message}`.slice(0, 200);
}

function errorName(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string') ? String((error as { name: string }).name) : 'Error';
}

/** Chromium reports a full disk as QuotaExceededError, or as an AbortError wrapping one (Dexie keeps it in `inner`). */
function isQuota(error: unknown, depth = 0): boolean {
  if (depth > 3 || typeof error !== 'object' || error === null) return false;
  if (errorName(error) === 'QuotaExceededError') return true;
  const { inner, cause } = error as { inner?: unknown; cause?: unknown };
  return isQuota(inner, depth + 1) || isQuota(cause, depth + 1);
}

/** Name and the first line of the message only: no stack traces, no multi-line dumps, bounded. */
export function replyErrorOf(error: unknown): ReplyError {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine = raw.split('\n', 1)[0]?.trim() ?? '';
  const text = `${errorName(error)}${firstLine ? `: ${firstLine}` : ''}`.slice(0, MAX_REPLICA_ERROR_LENGTH);
  return { kind: isQuota(error) ? 'quota' : 'storage', message: text || 'Error' };
}

export interface ReplicaResponderOptions {
  /** The attachments main uploads after each sync (createDexieFileSource(db)); without it file calls fail. */
  readonly files?: FileSource;
  /** Told about calls that could not be answered at all (logging). */
  readonly onProblem?: (message: string) => void;
}

/**
 * Subscribes to `replica:call`, then tells main it listens (`replica:attach`). Calls are validated before they
 * touch the database; a malformed call is answered with an error when its id is readable, ignored otherwise.
 * Returns the unsubscribe function.
 */
export function createReplicaResponder(bridge: Pick<LanternBridge, 'on' | 'replica'>, replica: LocalReplica, options: ReplicaResponderOptions = {}): () => void {
  const reply = (answer: ReplicaReply): Promise<void> =>
    bridge.replica.reply(answer).then(
      () => undefined,
      () => options.onProblem?.('Lantern sync: main did not take a replica reply.'),
    );

  const answer = async (payload: unknown): Promise<void> => {
    const parsed = replicaCallSchema.safeParse(payload);
    if (!parsed.success) {
      const callId = (payload as { callId?: unknown } | null)?.callId;
      if (typeof callId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(callId)) {
        const detail = firstIssue(parsed.error);
        await reply({ callId, ok: false, error: { kind: 'storage', message: detail ? `${RESPONDER_MESSAGES.badCall} (${detail})` : RESPONDER_MESSAGES.badCall } });
      } else options.onProblem?.('Lantern sync: a malformed replica call was ignored.');
      return;
    }
    const call = parsed.data;
    let result: unknown;
    try {
      result = await run(replica, options.files, call);
    } catch (error) {
      await reply({ callId: call.callId, ok: false, error: replyErrorOf(error) });
      return;
    }
    await reply({ callId: call.callId, ok: true, result: result ?? null });
  };

  const unsubscribe = bridge.on('replica:call', (payload) => void answer(payload));
  bridge.replica.attach().catch(() => options.onProblem?.('Lantern sync: main did not take the replica attach.'));
  return unsubscribe;
}
