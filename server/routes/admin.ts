// Admin API (admin token): enrollment and re-enrollment codes, devices (paged) and revocation, missing files, rejected operations, new epoch.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createEnrollmentRequestSchema, deviceIdSchema, deviceParamsSchema, queryInt, type DeviceInfo, type DeviceListResponse, type EnrollmentResponse, type MissingFile, type RejectedOp } from '../../shared/sync/wire';
import { issueEnrollmentCode, UnknownDeviceError } from '../auth/enrollment';
import type { RouteContext } from '../http/context';
import { registerEnrollmentAdminRoutes } from './admin-enrollments';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import type { DevicePosition, DeviceRecord } from '../store/types';

const listQuerySchema = z.strictObject({ limit: z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(1000)).optional() });

/** Devices per page: the default is also the most, so one answer stays small however many devices enroll. */
export const MAX_DEVICE_PAGE = 500;
/** An ISO instant with its offset (2026-05-01T10:00:00Z): a bare date or local time would be read in HQ's time zone. */
const instantSchema = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 instant with a time zone, e.g. 2026-05-01T08:00:00Z' });
const deviceListQuerySchema = z.strictObject({
  limit: queryInt(1, MAX_DEVICE_PAGE).optional(),
  cursor: z.string().max(400).optional(),
  notSeenSince: instantSchema.optional(),
});
/** Pages of the store's list one filtered answer reads at most (then it answers with what it found and a cursor). */
const MAX_SCANNED_PAGES = 20;

export function registerAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/v1/admin/enrollments', access('admin', 'optional'), async (request): Promise<EnrollmentResponse> => {
    const body = parseOrThrow(createEnrollmentRequestSchema, request.body, 'enrollment request');
    try {
      const issued = await issueEnrollmentCode(ctx.store, body, ctx.clock.now());
      const forWhom = body.deviceId === undefined ? '(a new device)' : `(re-enrolling device ${body.deviceId})`;
      ctx.securityLog.event(`Enrollment code issued for ${JSON.stringify(body.name)} ${forWhom}, valid until ${issued.expiresAt}.`);
      return issued;
    } catch (error) {
      if (error instanceof UnknownDeviceError) throw new HqError('not-found', error.message);
      throw error;
    }
  });

  app.get('/v1/admin/devices', access('admin', 'optional'), async (request): Promise<DeviceListResponse> => {
    const query = parseOrThrow(deviceListQuerySchema, request.query, 'device query');
    const after = query.cursor === undefined ? undefined : decodeDeviceCursor(query.cursor);
    const limit = query.limit ?? MAX_DEVICE_PAGE;
    if (query.notSeenSince === undefined) {
      const page = await ctx.store.listDevices({ after, limit });
      const last = page.devices.at(-1);
      return { devices: page.devices.map(deviceInfo), cursor: page.hasMore && last ? encodeDeviceCursor(last) : null, hasMore: page.hasMore };
    }
    const found = await devicesNotSeenSince(ctx, Date.parse(query.notSeenSince), after, limit);
    return { devices: found.devices.map(deviceInfo), cursor: found.next ? encodeDeviceCursor(found.next) : null, hasMore: found.next !== null };
  });

  app.post('/v1/admin/devices/:id/revoke', access('admin', 'optional'), async (request) => {
    const { id } = parseOrThrow(deviceParamsSchema, request.params, 'device address');
    const device = await ctx.store.revokeDevice(id, ctx.clock.now());
    if (!device) throw new HqError('not-found', 'HQ has no device with this id.');
    ctx.securityLog.event(`Device ${device.id} (${JSON.stringify(device.name)}) revoked.`);
    return { device: deviceInfo(device) };
  });

  app.get('/v1/admin/files/missing', access('admin', 'optional'), async (request): Promise<{ files: MissingFile[] }> => {
    const { limit } = parseOrThrow(listQuerySchema, request.query, 'query');
    const files = await ctx.store.missingFiles(limit ?? 500);
    return { files: files.map((file) => ({ sha256: file.sha256, size: file.size, received: file.received, opIds: [...file.opIds] })) };
  });

  app.get('/v1/admin/rejected', access('admin', 'optional'), async (request): Promise<{ rejected: RejectedOp[] }> => {
    const { limit } = parseOrThrow(listQuerySchema, request.query, 'query');
    const rows = await ctx.store.rejectedOps(limit ?? 200);
    return {
      rejected: rows.map((row) => ({
        id: row.id,
        deviceId: row.deviceId,
        opId: row.opId,
        deviceSeq: row.deviceSeq,
        code: row.code,
        reason: row.reason,
        receivedAt: new Date(row.receivedAt).toISOString(),
      })),
    };
  });

  registerEnrollmentAdminRoutes(app, ctx);

  // After restoring HQ from a backup: devices then re-send what HQ may have lost and pull from the start.
  app.post('/v1/admin/epoch', access('admin', 'optional'), async (request) => {
    const epoch = await ctx.store.bumpEpoch();
    ctx.securityLog.event(`New epoch ${epoch} started by the admin from ${request.ip} (POST /v1/admin/epoch): devices send everything again and pull from the start.`);
    return { epoch };
  });
}

/** True for an active device that has not synced since `since` (or never has): the laptops an operator should look for. */
export function notSeenSince(device: DeviceRecord, since: number): boolean {
  return device.revokedAt === null && (device.lastSeenAt === null || device.lastSeenAt < since);
}

/**
 * The filter over the store's (enrolledAt, id) order: the cursor is the last device read, matching or not, so paging
 * never skips or repeats one. Up to `limit` matches, reading at most MAX_SCANNED_PAGES pages of the store's list.
 */
async function devicesNotSeenSince(ctx: RouteContext, since: number, after: DevicePosition | undefined, limit: number): Promise<{ devices: DeviceRecord[]; next: DevicePosition | null }> {
  const devices: DeviceRecord[] = [];
  let position = after;
  for (let pages = 0; pages < MAX_SCANNED_PAGES; pages++) {
    const page = await ctx.store.listDevices({ after: position, limit: limit - devices.length });
    devices.push(...page.devices.filter((device) => notSeenSince(device, since)));
    const last = page.devices.at(-1);
    if (!page.hasMore || !last) return { devices, next: null };
    position = { enrolledAt: last.enrolledAt, id: last.id };
    if (devices.length >= limit) break;
  }
  return { devices, next: position ?? null };
}

/** Opaque to callers: the last device's position (enrolledAt, id), base64url JSON. */
function encodeDeviceCursor(device: DevicePosition): string {
  return Buffer.from(JSON.stringify([device.enrolledAt, device.id]), 'utf8').toString('base64url');
}

const devicePositionSchema = z.tuple([z.number().int().min(0), deviceIdSchema]);

function decodeDeviceCursor(cursor: string): DevicePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const position = devicePositionSchema.safeParse(parsed);
  if (!position.success) throw new HqError('invalid-cursor', 'HQ did not make this cursor. Start again without one.');
  return { enrolledAt: position.data[0], id: position.data[1] };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function deviceInfo(device: DeviceRecord): DeviceInfo & { lastRetryLater: { code: string; at: string } | null } {
  return {
    id: device.id,
    name: device.name,
    enrolledAt: new Date(device.enrolledAt).toISOString(),
    lastSeenAt: iso(device.lastSeenAt),
    revokedAt: iso(device.revokedAt),
    lastSeq: device.lastSeq,
    clockSkewMs: device.clockSkewMs,
    // Not in the wire schema's DeviceInfo (shared): an extra field older readers ignore.
    lastRetryLater: device.lastRetryLater ? { code: device.lastRetryLater.code, at: new Date(device.lastRetryLater.at).toISOString() } : null,
  };
}
