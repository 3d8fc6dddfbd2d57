// Push: a batch of outbox operations and HQ's answer for each of them (POST /v1/sync/push).
import { z } from 'zod';
import { hlcStampSchema } from '../../domain';
import type { Operation } from '../operation';
import { deviceIdSchema, serverTimeSchema, sha256Schema } from './common';
import { MAX_FILE_BYTES, MAX_PUSH_OPS } from './protocol';

/**
 * "Operation `opId` refers to this file": HQ tracks it as missing until all its bytes have arrived. The size is capped at
 * the largest file HQ stores: no upload could ever match a larger one (and a made-up huge size is refused, not kept).
 */
export const fileClaimSchema = z.strictObject({
  opId: z.string().min(1).max(100),
  sha256: sha256Schema,
  size: z
    .number()
    .int()
    .min(0)
    .max(MAX_FILE_BYTES, `A file may be at most ${MAX_FILE_BYTES} bytes (100 MB), the largest HQ stores; HQ does not track larger ones`),
});
export type FileClaim = z.infer<typeof fileClaimSchema>;

/**
 * The range of a JavaScript clock (Date), so any time a device's clock can show is taken, however wrong (HQ never
 * refuses a sync over skew), while the skew HQ stores stays a safe integer that both stores hold alike.
 */
const MAX_CLOCK_MS = 8.64e15;
const DEVICE_TIME_MESSAGE = `Expected the device clock in milliseconds since 1970, between -${MAX_CLOCK_MS} and ${MAX_CLOCK_MS} (as Date.now() gives it)`;

/**
 * Operations travel as unknown JSON: HQ validates each one on its own with `operationSchema`, so one
 * malformed operation is answered `rejected` instead of failing the whole batch.
 */
export const pushRequestSchema = z.strictObject({
  protocolVersion: z.number().int().min(1),
  deviceId: deviceIdSchema,
  ops: z.array(z.unknown()).max(MAX_PUSH_OPS),
  /** Files the operations of this batch refer to (see docs/sync-protocol.md, Files). */
  files: z.array(fileClaimSchema).max(MAX_PUSH_OPS * 20).optional(),
  /** The device clock (ms since 1970) when it sent the batch; HQ records the skew for the admin. */
  deviceTime: z
    .number()
    .min(-MAX_CLOCK_MS, DEVICE_TIME_MESSAGE)
    .max(MAX_CLOCK_MS, DEVICE_TIME_MESSAGE)
    .optional(),
  /**
   * Sent with a batch no earlier batch of the device is on its way ahead of: the epoch in which HQ answered every
   * operation of this device numbered below the batch's first. If HQ's own count for the device is lower, HQ lost
   * history it had answered (restored from a backup without a new epoch) and starts a new epoch itself.
   */
  answeredBelowIn: z.string().min(1).max(64).optional(),
});
/** What a device builds; `ops` typed as operations. */
export type PushRequest = Omit<z.infer<typeof pushRequestSchema>, 'ops'> & { ops: Operation[] };

export const PUSH_STATUSES = ['applied', 'duplicate', 'rejected', 'retry-later'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

/**
 * Why an operation was rejected or deferred:
 * - invalid: fails the operation schema (reason says how), or its event belongs to another incident; rejected for good, stored at HQ;
 * - not-your-device: names another device than the token's, or its stamps (hlc, event.hlc, event.deviceId) do; rejected;
 * - seq-reused: a deviceSeq HQ already holds with a different opId; rejected (stored, the admin can look);
 * - hq-error: HQ could not store it even on its own; rejected and kept at HQ for the admin;
 * - schema-newer: written by a newer Lantern than HQ understands; retry later (after HQ is updated);
 * - gap: an earlier operation of this device (deviceSeq) has not arrived yet; retry after sending it.
 */
export const PUSH_REASON_CODES = ['invalid', 'not-your-device', 'seq-reused', 'hq-error', 'schema-newer', 'gap'] as const;
export type PushReasonCode = (typeof PUSH_REASON_CODES)[number];

export const pushOpResultSchema = z.object({
  /** Position of the operation in the request's `ops` (results are in the same order). */
  index: z.number().int().min(0),
  /** The operation's opId, or null when it had none HQ could read. */
  opId: z.string().nullable(),
  status: z.enum(PUSH_STATUSES),
  code: z.enum(PUSH_REASON_CODES).optional(),
  /** Plain words, for rejected and retry-later. */
  reason: z.string().optional(),
  /** The stamp HQ holds for this operation; differs from the sent one when HQ capped a future-dated stamp. */
  hlc: hlcStampSchema.optional(),
  /** The server sequence number of an applied (or previously applied) operation. */
  serverSeq: z.number().int().min(1).optional(),
});
export type PushOpResult = z.infer<typeof pushOpResultSchema>;

export const pushResponseSchema = z.object({
  hqId: z.string(),
  epoch: z.string(),
  serverTime: serverTimeSchema,
  results: z.array(pushOpResultSchema),
  /**
   * The highest deviceSeq of this device HQ held when the push arrived. A device restored from an older copy of its
   * disk numbers new operations from where that copy was; after "seq-reused" it renumbers its pending ones above this.
   */
  deviceLastSeq: z.number().int().min(0).optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;
