// Read API for HQ integrations (admin token): GET /v1/incidents (filters, paging) and GET /v1/incidents/:id.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { incidentSchema, timelineEventSchema, uuidV7Schema, type Incident } from '../../shared/domain';
import { incidentFromState } from '../../shared/sync/merge';
import { conflictSchema, DEFAULT_LIST_LIMIT, incidentListQuerySchema, type IncidentDetailResponse, type IncidentListResponse } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';

const paramsSchema = z.strictObject({ id: uuidV7Schema });

export function registerIncidentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/v1/incidents', access('admin', 'optional'), async (request): Promise<IncidentListResponse> => {
    const query = parseOrThrow(incidentListQuerySchema, request.query, 'incident query');
    let afterId: string | undefined;
    if (query.cursor) {
      afterId = Buffer.from(query.cursor, 'base64url').toString('utf8');
      if (!uuidV7Schema.safeParse(afterId).success) throw new HqError('invalid-cursor', 'HQ did not make this cursor. Start again without one.');
    }
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const updatedSince = query.updatedSince === undefined ? undefined : new Date(query.updatedSince).toISOString();
    const page = await ctx.store.listIncidents({ statuses: query.status, updatedSince, afterId, limit });
    const incidents = page.states.map((state) => incidentFromState(state)).filter((incident): incident is Incident => incident !== null);
    const last = page.states.at(-1);
    return { incidents, cursor: page.hasMore && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null, hasMore: page.hasMore };
  });

  app.get('/v1/incidents/:id', access('admin', 'optional'), async (request): Promise<IncidentDetailResponse> => {
    const { id } = parseOrThrow(paramsSchema, request.params, 'incident address');
    const record = await ctx.store.incident(id);
    if (!record) throw new HqError('not-found', 'HQ has no incident with this id.');
    const incident = incidentFromState(record.state);
    if (!incident) throw new HqError('incident-incomplete', 'HQ has only part of this incident so far (its creation has not arrived).');
    return {
      incident: incidentSchema.parse(incident),
      timeline: record.timeline.map((body) => timelineEventSchema.parse(JSON.parse(body))),
      conflicts: record.conflicts.map((body) => conflictSchema.parse(JSON.parse(body))),
    };
  });
}
