// Pull: pages of operations after an opaque cursor (GET /v1/sync/pull?cursor=&limit=).
import { z } from 'zod';
import { operationSchema } from '../operation';
import { queryInt, serverTimeSchema } from './common';
import { MAX_PULL_LIMIT } from './protocol';

export const pullQuerySchema = z.strictObject({
  /** Opaque; omit (or send empty) to start from the beginning. */
  cursor: z.string().max(200).optional(),
  limit: queryInt(1, MAX_PULL_LIMIT).optional(),
});
export type PullQuery = z.input<typeof pullQuerySchema>;

export const pulledOperationSchema = z.object({
  serverSeq: z.number().int().min(1),
  op: operationSchema,
});
export type PulledOperation = z.infer<typeof pulledOperationSchema>;

export const pullResponseSchema = z.object({
  hqId: z.string(),
  epoch: z.string(),
  serverTime: serverTimeSchema,
  ops: z.array(pulledOperationSchema),
  /** Pass back unchanged to get the next page; store it in the same transaction that applies `ops`. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
