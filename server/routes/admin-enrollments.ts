// Admin API for outstanding enrollment codes: list them (never the code) and cancel one that should not be used.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { queryInt } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';
import { ENROLLMENT_ID_LENGTH, type EnrollmentRecord } from '../store/types';

const listQuerySchema = z.strictObject({ limit: queryInt(1, 1000).optional() });
const paramsSchema = z.strictObject({ id: z.string().regex(new RegExp(`^[0-9a-f]{${ENROLLMENT_ID_LENGTH}}$`), 'an enrollment id as GET /v1/admin/enrollments lists it') });

export function registerEnrollmentAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/v1/admin/enrollments', access('admin', 'optional'), async (request) => {
    const { limit } = parseOrThrow(listQuerySchema, request.query, 'query');
    const codes = await ctx.store.listEnrollments(ctx.clock.now(), limit ?? 500);
    return { enrollments: codes.map(enrollmentInfo) };
  });

  app.delete('/v1/admin/enrollments/:id', access('admin', 'optional'), async (request) => {
    const { id } = parseOrThrow(paramsSchema, request.params, 'enrollment address');
    const cancelled = await ctx.store.cancelEnrollment(id, ctx.clock.now());
    if (!cancelled) throw new HqError('not-found', 'HQ has no outstanding enrollment code with this id (used, expired or cancelled already). GET /v1/admin/enrollments lists them.');
    ctx.securityLog.event(`Enrollment code ${id} for ${JSON.stringify(cancelled.name)} cancelled.`);
    return { enrollment: enrollmentInfo(cancelled) };
  });
}

function enrollmentInfo(code: EnrollmentRecord) {
  return {
    id: code.id,
    name: code.name,
    deviceId: code.forDeviceId,
    createdAt: new Date(code.createdAt).toISOString(),
    expiresAt: new Date(code.expiresAt).toISOString(),
  };
}
