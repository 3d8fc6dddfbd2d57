// Read API for HQ integrations (admin token): GET /v1/incidents (filters, paging) and GET /v1/incidents/:id.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { incidentSchema, timelineEventSchema, uuidV7Schema, type Incident } from '../../shared/domain';
import { incidentFromState, type IncidentState } from '../../shared/sync/merge';
import { decodeChangeMark, encodeChangeMark } from '../sync/change-mark';
import { conflictSchema, DEFAULT_LIST_LIMIT, incidentListQuerySchema, type IncidentDetailResponse, type IncidentListResponse } from '../../shared/sync/wire';
import type { RouteContext } from '../http/context';
import type { HqMeta } from '../store/types';
import { HqError } from '../http/hq-error';
import { access } from '../http/route-access';
import { parseOrThrow } from '../http/validate';

const paramsSchema = z.strictObject({ id: uuidV7Schema });

export function registerIncidentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/v1/incidents', access('admin', 'optional'), async (request): Promise<IncidentListResponse> => {
    const query = parseOrThrow(incidentListQuerySchema, request.query, 'incident query');
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const updatedSince = query.updatedSince === undefined ? undefined : new Date(query.updatedSince).toISOString();
    const exercise = query.exercise === undefined ? undefined : query.exercise === 'true';
    if (query.changes !== undefined) {
      if (query.cursor !== undefined) throw new HqError('invalid-request', "The change feed pages with its mark: pass each answer's changeMark as changes, without cursor.");
      const meta = await ctx.store.meta();
      const after = await changedAfter(ctx, query.changes, meta);
      const { epoch } = meta;
      const page = await ctx.store.listIncidents({ statuses: query.status, updatedSince, exercise, changedAfterSeq: after, limit });
      return { incidents: completeIncidents(page.states), cursor: null, hasMore: page.hasMore, changeMark: encodeChangeMark({ epoch, seq: page.lastSeqs.at(-1) ?? after }) };
    }
    let afterId: string | undefined;
    if (query.cursor) {
      afterId = Buffer.from(query.cursor, 'base64url').toString('utf8');
      if (!uuidV7Schema.safeParse(afterId).success) throw new HqError('invalid-cursor', 'HQ did not make this cursor. Start again without one.');
    }
    const page = await ctx.store.listIncidents({ statuses: query.status, updatedSince, exercise, afterId, limit });
    const last = page.states.at(-1);
    return { incidents: completeIncidents(page.states), cursor: page.hasMore && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null, hasMore: page.hasMore };
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

function completeIncidents(states: readonly IncidentState[]): Incident[] {
  return states.map((state) => incidentFromState(state)).filter((incident): incident is Incident => incident !== null);
}

/** The serverSeq a change-feed request continues after: 0 for `start`, else its mark's, in HQ's current epoch. */
async function changedAfter(ctx: RouteContext, changes: string, meta: HqMeta): Promise<number> {
  if (changes === 'start') return 0;
  const mark = decodeChangeMark(changes);
  if (!mark) throw new HqError('invalid-cursor', 'HQ did not make this change mark. Start again with changes=start.');
  if (mark.epoch !== meta.epoch) {
    throw new HqError('epoch-changed', 'HQ was restored from a backup since this mark, so it cannot say what changed after it. Start again with changes=start.', { epoch: meta.epoch });
  }
  // A mark past the last sequence number HQ holds: HQ was restored from a backup and nobody started a new epoch. Answered
  // like a device's pull, never as "nothing changed": HQ will hand out those numbers again, and a feed that went on from
  // this mark would skip the incidents changed under them for good. The admin's mark is proof enough for a new epoch.
  if (mark.seq > meta.lastSeq) {
    const epoch = await ctx.lostHistory.checkChangeMark(meta, mark.seq);
    throw new HqError(
      'epoch-changed',
      `HQ holds changes only up to ${meta.lastSeq}, but this mark is at ${mark.seq}: HQ was restored from a backup and has lost changes it had reported. Start again with changes=start.`,
      { epoch },
    );
  }
  return mark.seq;
}
