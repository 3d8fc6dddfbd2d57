// GET / (a plain-text status page: is HQ up, which store, counts; no user text) and CORS preflights.
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '../../shared/sync/wire';
import { answerPreflight } from '../http/cors';
import type { RouteContext } from '../http/context';
import { access } from '../http/route-access';
import { latestVersion } from '../store/migration';
import { POSTGRES_MIGRATIONS } from '../store/postgres/migrations';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations';
import { HQ_VERSION } from './hq-version';

const DAY_MS = 86_400_000;

export function registerStatusRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/', access('anyone', 'none'), async (_request, reply) => {
    const now = ctx.clock.now();
    const [meta, stats, waiting] = await Promise.all([ctx.store.meta(), ctx.store.stats(), ctx.store.countRetryLaterSince(now - DAY_MS)]);
    const lines = [
      'Lantern HQ is running.',
      '',
      `hq version:     ${HQ_VERSION}`,
      `protocol:       ${PROTOCOL_VERSION}`,
      `schema:         version ${latestVersion(ctx.store.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS)} (${ctx.store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
      `store:          ${ctx.store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      `hq id:          ${meta.hqId}`,
      `epoch:          ${meta.epoch}`,
      `devices:        ${stats.activeDevices} active, ${stats.devices - stats.activeDevices} revoked`,
      `operations:     ${stats.operations}`,
      `incidents:      ${stats.incidents}`,
      `missing files:  ${stats.missingFiles}`,
      `waiting:        ${waiting} device${waiting === 1 ? '' : 's'} answered retry-later in the last 24 h (GET /v1/admin/devices shows which)`,
      `server time:    ${new Date(ctx.clock.now()).toISOString()}`,
      '',
      'API: /v1/… (see docs/sync-protocol.md). Read API and admin need the admin token.',
    ];
    return reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').send(`${lines.join('\n')}\n`);
  });

  app.options('/*', access('anyone', 'none'), async (request, reply) => answerPreflight(request, reply, ctx.allowOrigins));
}
