// GET / (plain text: anyone learns HQ is up; the admin token adds versions, store, ids and counts; no user text) and CORS preflights.
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
  app.get('/', access('public-or-admin', 'none'), async (request, reply) => {
    const full = request.hqAuth?.kind === 'admin';
    const lines = full ? await figures(ctx) : publicLines();
    return reply
      .type('text/plain; charset=utf-8')
      .header('X-Content-Type-Options', 'nosniff')
      // The admin's page holds HQ's id, epoch and counts: no cache (a proxy's or the browser's) keeps a copy.
      .header('Cache-Control', 'no-store')
      .send(`${lines.join('\n')}\n`);
  });

  app.options('/*', access('anyone', 'none'), async (request, reply) => answerPreflight(request, reply, ctx.allowOrigins));
}

/** For anyone (a monitor, a person checking HQ is up): that it runs and which protocol it speaks, nothing about its data. */
function publicLines(): string[] {
  return [
    'Lantern HQ is running.',
    '',
    `protocol:       ${PROTOCOL_VERSION}`,
    '',
    'Versions, store and counts: send the admin token (GET / with "Authorization: Bearer <admin token>").',
  ];
}

/** The admin's view: versions, store, ids and counts (no user text). */
async function figures(ctx: RouteContext): Promise<string[]> {
  const now = ctx.clock.now();
  const [meta, stats, waiting] = await Promise.all([ctx.store.meta(), ctx.store.stats(), ctx.store.countRetryLaterSince(now - DAY_MS)]);
  const store = ctx.store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  return [
    'Lantern HQ is running.',
    '',
    `hq version:     ${HQ_VERSION}`,
    `protocol:       ${PROTOCOL_VERSION}`,
    `schema:         version ${latestVersion(ctx.store.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS)} (${store})`,
    `store:          ${store}`,
    `hq id:          ${meta.hqId}`,
    `epoch:          ${meta.epoch}`,
    `devices:        ${stats.activeDevices} active, ${stats.devices - stats.activeDevices} revoked`,
    `operations:     ${stats.operations}`,
    `incidents:      ${stats.incidents}`,
    `missing files:  ${stats.missingFiles}`,
    `waiting:        ${waiting} device${waiting === 1 ? '' : 's'} answered retry-later in the last 24 h (GET /v1/admin/devices shows which)`,
    `server time:    ${new Date(now).toISOString()}`,
    '',
    'API: /v1/… (see docs/sync-protocol.md). Read API and admin need the admin token.',
  ];
}
