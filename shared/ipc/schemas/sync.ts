// IPC payload schemas of the `sync` domain: connecting this device to HQ, its connection and sync status, files fetched from HQ.
import { z } from 'zod';
import { DEFAULT_ATTACHMENT_LIMIT_BYTES, formatBytes } from '../../domain/attachment';
import { SYNC_ERROR_KINDS } from '../../sync/engine/sync-error';
import type { SyncStatus } from '../../sync/engine/sync-status';
import { deviceIdSchema, sha256Schema } from '../../sync/wire/common';
import { MAX_HQ_URL_LENGTH } from './hq-url';

/** Plain-words messages main sends to the page (errors, warnings). */
export const MAX_MESSAGE_LENGTH = 1000;
const message = z.string().min(1).max(MAX_MESSAGE_LENGTH);

/**
 * The page sends what the person typed; main checks the address itself (checkHqUrl) so a bad one is
 * answered with plain words instead of a schema error. `deviceId` is the local database's device id:
 * the replica's identity, which HQ binds the token to.
 */
export const syncConnectInputSchema = z.strictObject({
  hqUrl: z.string().min(1).max(MAX_HQ_URL_LENGTH),
  enrollmentCode: z.string().min(1).max(200),
  deviceName: z.string().min(1).max(120),
  deviceId: deviceIdSchema,
});
export type SyncConnectInput = z.infer<typeof syncConnectInputSchema>;

export const syncConnectionSchema = z.strictObject({
  hqUrl: z.string().min(1).max(MAX_HQ_URL_LENGTH),
  deviceName: z.string().min(1).max(120),
  connectedAt: z.number().int().min(0),
});
export type SyncConnectionInfo = z.infer<typeof syncConnectionSchema>;

export const syncConnectResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    connection: syncConnectionSchema,
    /** e.g. Linux without a keyring: the token is only obfuscated. The UI shows it. */
    warning: message.optional(),
  }),
  z.strictObject({ ok: z.literal(false), message }),
]);
export type SyncConnectResult = z.infer<typeof syncConnectResultSchema>;

/** `sync:now`: started false (with the reason) when this device is not connected. */
export const syncNowResultSchema = z.strictObject({ started: z.boolean(), message: message.optional() });
export type SyncNowResult = z.infer<typeof syncNowResultSchema>;

/**
 * The largest file `sync:fetch-file` carries: the app's attachment limit, so no file a device may attach is refused,
 * and a wrong or hostile HQ cannot make main hand the page more than that in one message.
 */
export const MAX_FETCHED_FILE_BYTES = DEFAULT_ATTACHMENT_LIMIT_BYTES;

/** `sync:fetch-file` takes the file's name at HQ: its SHA-256, 64 lower-case hex digits (it becomes part of a URL path). */
export const syncFetchFileInputSchema = sha256Schema;

/** Bytes cross IPC as a Uint8Array (structured clone; a Node Buffer in main is one too). */
export const fetchedFileBytesSchema = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength <= MAX_FETCHED_FILE_BYTES, `A fetched file is at most ${formatBytes(MAX_FETCHED_FILE_BYTES)}.`);

/** The file's bytes (unchecked: the page verifies their SHA-256 before keeping them), or why HQ's copy was not fetched. */
export const syncFetchFileResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), bytes: fetchedFileBytesSchema }),
  z.strictObject({ ok: z.literal(false), message }),
]);
export type SyncFetchFileResult = z.infer<typeof syncFetchFileResultSchema>;

const progressSchema = z.strictObject({
  phase: z.enum(['push', 'pull', 'files']),
  done: z.number().int().min(0),
  total: z.number().int().min(0).optional(),
});

export const syncStatusSchema = z.strictObject({
  state: z.enum(['idle', 'syncing', 'offline', 'failing', 'up-to-date']),
  lastSuccessAt: z.number().min(0).nullable(),
  caughtUpFrom: z.number().min(0).nullable(),
  lastError: z.strictObject({ kind: z.enum([...SYNC_ERROR_KINDS, 'local-storage']), message }).nullable(),
  progress: progressSchema.nullable(),
  pending: z.number().int().min(0).nullable(),
  clockSkew: z.strictObject({ ms: z.number().finite(), large: z.boolean() }).nullable(),
  nextAttemptAt: z.number().min(0).nullable(),
  waitingReason: message.nullable().optional(),
}) satisfies z.ZodType<SyncStatus>;
