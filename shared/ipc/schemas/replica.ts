// IPC payload schemas of the `replica` domain: main calls the page's LocalReplica and FileSource (Dexie) and the page replies.
import { z } from 'zod';
import { hlcStampSchema } from '../../domain/incident';
import { MAX_PENDING_FILES_PER_CALL } from '../../sync/engine/file-upload';
import { operationSchema } from '../../sync/operation';
import { sha256Schema } from '../../sync/wire/common';
import { MAX_FILE_BYTES, MAX_FILE_CHUNK_BYTES, MAX_PULL_LIMIT, MAX_PUSH_OPS } from '../../sync/wire/protocol';
import { PUSH_REASON_CODES } from '../../sync/wire/push';

/** LocalReplica methods, then FileSource methods (attachment bytes for the upload main runs after the operations). */
export const REPLICA_METHODS = [
  'pendingOps',
  'pendingOpsAfter',
  'recordPushResults',
  'getCursor',
  'applyPulledPage',
  'resetForNewEpoch',
  'countPending',
  'renumberPending',
  'markOpsSent',
  'markOpsNotSent',
  'pendingFiles',
  'readFileChunk',
  'markFileUploaded',
] as const;
export type ReplicaMethod = (typeof REPLICA_METHODS)[number];

/** Call ids are main's random UUIDs; anything else is not an answer to one of our calls. */
export const replicaCallIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
/** Error text from the page: short, no stack traces (the responder strips them; main cuts again). */
export const MAX_REPLICA_ERROR_LENGTH = 500;

/** Epochs and cursors are HQ's opaque tokens (short in practice; HQ refuses cursors over 200 characters). */
/** Longer reasons from HQ are cut by main before they cross the bridge. */
export const MAX_PUSH_REASON_LENGTH = 2000;

const opaque = z.string().min(1).max(1000);

export const pushOutcomeSchema = z.union([
  z.strictObject({
    opId: z.string().min(1).max(100),
    deviceSeq: z.number().int().min(1),
    status: z.enum(['applied', 'duplicate']),
    capped: z.strictObject({ from: hlcStampSchema, to: hlcStampSchema }).nullable(),
  }),
  z.strictObject({
    opId: z.string().min(1).max(100),
    deviceSeq: z.number().int().min(1),
    status: z.enum(['rejected', 'retry-later']),
    code: z.enum(PUSH_REASON_CODES).nullable(),
    reason: z.string().max(MAX_PUSH_REASON_LENGTH),
  }),
]);

export const pulledPageSchema = z.strictObject({
  epoch: opaque,
  cursor: opaque,
  ops: z.array(operationSchema).max(MAX_PULL_LIMIT),
  highestStamp: hlcStampSchema.nullable(),
  serverTime: z.number().int().min(0),
});

export const syncPointSchema = z.strictObject({ epoch: opaque.nullable(), cursor: opaque.nullable() });

/** Byte offsets and sizes within one file: whole numbers HQ could store (≤ 100 MB). */
const fileOffsetSchema = z.number().int().min(0).max(MAX_FILE_BYTES);
/** One chunk: never more than HQ takes in one PUT, so one IPC message stays small. */
const chunkLengthSchema = z.number().int().min(0).max(MAX_FILE_CHUNK_BYTES);

export const pendingFileSchema = z.strictObject({ sha256: sha256Schema, size: fileOffsetSchema });

/** Bytes cross IPC as a Uint8Array (structured clone; a Node Buffer in main is one too). */
export const fileChunkSchema = z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_FILE_CHUNK_BYTES, `A file chunk is at most ${MAX_FILE_CHUNK_BYTES} bytes.`);

const deviceSeqsSchema = z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_PUSH_OPS);

/** `replica:call` (main → page): one LocalReplica method with its arguments. */
export const replicaCallSchema = z.discriminatedUnion('method', [
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('pendingOps'), args: z.tuple([z.number().int().min(1).max(MAX_PUSH_OPS)]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('pendingOpsAfter'), args: z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.number().int().min(1).max(MAX_PUSH_OPS)]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('recordPushResults'), args: z.tuple([z.array(pushOutcomeSchema).max(MAX_PUSH_OPS)]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('getCursor'), args: z.tuple([]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('applyPulledPage'), args: z.tuple([pulledPageSchema]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('resetForNewEpoch'), args: z.tuple([opaque]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('countPending'), args: z.tuple([]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('renumberPending'), args: z.tuple([z.number().int().min(0)]) }),
  // A batch as the engine pushes it: at most one push's operations, each a device sequence number.
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('markOpsSent'), args: z.tuple([deviceSeqsSchema]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('markOpsNotSent'), args: z.tuple([deviceSeqsSchema]) }),
  z.strictObject({
    callId: replicaCallIdSchema,
    method: z.literal('pendingFiles'),
    // The optional hash is the uploader's `after` key (the listing goes on past files refused in this run).
    args: z.union([z.tuple([z.number().int().min(1).max(MAX_PENDING_FILES_PER_CALL)]), z.tuple([z.number().int().min(1).max(MAX_PENDING_FILES_PER_CALL), sha256Schema])]),
  }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('readFileChunk'), args: z.tuple([sha256Schema, fileOffsetSchema, chunkLengthSchema]) }),
  z.strictObject({ callId: replicaCallIdSchema, method: z.literal('markFileUploaded'), args: z.tuple([sha256Schema]) }),
]);
export type ReplicaCall = z.infer<typeof replicaCallSchema>;

/** What each method's answer must look like; main checks the page's result against it (never trusted blindly). */
export const replicaResultSchemas = {
  pendingOps: z.array(operationSchema).max(MAX_PUSH_OPS),
  pendingOpsAfter: z.array(operationSchema).max(MAX_PUSH_OPS),
  recordPushResults: z.null(),
  getCursor: syncPointSchema,
  applyPulledPage: z.null(),
  resetForNewEpoch: z.null(),
  countPending: z.number().int().min(0),
  renumberPending: z.number().int().min(0),
  markOpsSent: z.null(),
  markOpsNotSent: z.null(),
  pendingFiles: z.array(pendingFileSchema).max(MAX_PENDING_FILES_PER_CALL),
  readFileChunk: fileChunkSchema,
  markFileUploaded: z.null(),
} as const satisfies { readonly [M in ReplicaMethod]: z.ZodType };

/** `replica:reply` (page → main): the result of a call, or why the local database failed. */
export const replicaReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ callId: replicaCallIdSchema, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({
    callId: replicaCallIdSchema,
    ok: z.literal(false),
    error: z.strictObject({
      /** 'quota': the disk is full; 'storage': any other local database failure. */
      kind: z.enum(['quota', 'storage']),
      message: z.string().min(1).max(MAX_REPLICA_ERROR_LENGTH),
    }),
  }),
]);
export type ReplicaReply = z.infer<typeof replicaReplySchema>;

/** Whether main took the reply: false for unknown or finished calls and replies from another page. */
export const replicaReplyResultSchema = z.strictObject({ accepted: z.boolean() });
/** `replica:attach`: the page's responder listens; main may call it (and syncs soon). */
export const replicaAttachResultSchema = z.strictObject({ attached: z.boolean() });
