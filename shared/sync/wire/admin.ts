// Admin API (admin token): enrollment codes, devices and revocation, missing files, rejected operations, epoch.
import { z } from 'zod';
import { deviceIdSchema, sha256Schema, storableNameSchema } from './common';

export const createEnrollmentRequestSchema = z.strictObject({
  /** Who the code is for, e.g. "Laptop 7"; shown to the admin only. */
  name: storableNameSchema(120),
  /** How long the code stays valid (default 72 hours). */
  ttlHours: z.number().int().min(1).max(24 * 30).optional(),
  /** A re-enrollment code for this known device (only it may redeem it); leave out for a new device. */
  deviceId: deviceIdSchema.optional(),
});
export type CreateEnrollmentRequest = z.infer<typeof createEnrollmentRequestSchema>;

export const enrollmentResponseSchema = z.object({ code: z.string(), name: z.string(), deviceId: deviceIdSchema.optional(), expiresAt: z.iso.datetime() });
export type EnrollmentResponse = z.infer<typeof enrollmentResponseSchema>;

export const deviceInfoSchema = z.object({
  id: deviceIdSchema,
  name: z.string(),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Highest deviceSeq HQ has taken from this device (applied or rejected). */
  lastSeq: z.number().int().min(0),
  /** Device clock minus HQ clock at its last push, in ms (positive: the device is ahead). */
  clockSkewMs: z.number().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** Pages in enrollment order; pass `cursor` back for the next page (null on the last). */
export const deviceListResponseSchema = z.object({ devices: z.array(deviceInfoSchema), cursor: z.string().nullable(), hasMore: z.boolean() });
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;
export const deviceParamsSchema = z.strictObject({ id: deviceIdSchema });
export const revokeResponseSchema = z.object({ device: deviceInfoSchema });

export const missingFileSchema = z.object({
  sha256: sha256Schema,
  size: z.number().int().min(0).nullable(),
  received: z.number().int().min(0),
  /** Operations that refer to the file. */
  opIds: z.array(z.string()),
});
export const missingFilesResponseSchema = z.object({ files: z.array(missingFileSchema) });
export type MissingFile = z.infer<typeof missingFileSchema>;

export const rejectedOpSchema = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  opId: z.string().nullable(),
  deviceSeq: z.number().int().nullable(),
  code: z.string(),
  reason: z.string(),
  receivedAt: z.iso.datetime(),
});
export const rejectedListResponseSchema = z.object({ rejected: z.array(rejectedOpSchema) });
export type RejectedOp = z.infer<typeof rejectedOpSchema>;

export const epochResponseSchema = z.object({ epoch: z.string() });
