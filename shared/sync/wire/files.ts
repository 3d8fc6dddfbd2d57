// Files: resumable chunked upload by SHA-256 (PUT /v1/files/:sha256?offset=&size=) and the resume point (GET).
import { z } from 'zod';
import { queryInt, sha256Schema } from './common';
import { MAX_FILE_BYTES } from './protocol';

export const fileParamsSchema = z.strictObject({ sha256: sha256Schema });

/** `offset`: where this chunk starts (must equal HQ's `received`); `size`: the whole file's size in bytes. */
export const fileChunkQuerySchema = z.strictObject({
  offset: queryInt(0, MAX_FILE_BYTES),
  size: queryInt(0, MAX_FILE_BYTES),
});
export type FileChunkQuery = z.input<typeof fileChunkQuerySchema>;

/** Where an upload stands. `size` is null while HQ knows nothing about the file. */
export const fileStatusSchema = z.object({
  sha256: sha256Schema,
  size: z.number().int().min(0).nullable(),
  received: z.number().int().min(0),
  complete: z.boolean(),
});
export type FileStatus = z.infer<typeof fileStatusSchema>;
