// Admin API (admin token): enrollment codes, devices and revocation, missing files, rejected operations, new epoch.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createEnrollmentRequestSchema, deviceParamsSchema, type DeviceInfo, type EnrollmentResponse, type MissingFile, type RejectedOp } from '../../shared/sync/wire';
import { issueEnrollmentCode } from '../auth/enrollment';
import type { RouteContext } from '../http/context';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import type { DeviceRecord } from '../store/types';

const listQuerySchema = z.strictObject({ limit: z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(1000)).optional() });

export function registerAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/v1/admin/enrollments', access('admin', 'optional'), async (request): Promise<EnrollmentResponse> => {
    const body = parseOrThrow(createEnrollmentRequestSchema, request.body, 'enrollment request');
    return issueEnrollmentCode(ctx.store, body.name, ctx.clock.now(), body.ttlHours);
  });

  app.get('/v1/admin/devices', access('admin', 'optional'), async () => ({ devices: (await ctx.store.listDevices()).map(deviceInfo) }));

  app.post('/v1/admin/devices/:id/revoke', access('admin', 'optional'), async (request) => {
    const { id } = parseOrThrow(deviceParamsSchema, request.params, 'device address');
    const device = await ctx.store.revokeDevice(id, ctx.clock.now());
    if (!device) throw new HqError('not-found', 'HQ has no device with this id.');
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

  // After restoring HQ from a backup: devices then re-send what HQ may have lost and pull from the start.
  app.post('/v1/admin/epoch', access('admin', 'optional'), async () => ({ epoch: await ctx.store.bumpEpoch() }));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function deviceInfo(device: DeviceRecord): DeviceInfo {
  return {
    id: device.id,
    name: device.name,
    enrolledAt: new Date(device.enrolledAt).toISOString(),
    lastSeenAt: iso(device.lastSeenAt),
    revokedAt: iso(device.revokedAt),
    lastSeq: device.lastSeq,
    clockSkewMs: device.clockSkewMs,
  };
}
