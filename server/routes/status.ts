// GET / (a plain-text status page: is HQ up, which store, counts; no user text) and CORS preflights.
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '../../shared/sync/wire';
import { answerPreflight } from '../http/cors';
import type { RouteContext } from '../http/context';
import { access } from '../http/route-access';

export function registerStatusRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/', access('anyone', 'none'), async (_request, reply) => {
    const [meta, stats] = await Promise.all([ctx.store.meta(), ctx.store.stats()]);
    const lines = [
      'Lantern HQ is running.',
      '',
      `protocol:       ${PROTOCOL_VERSION}`,
      `store:          ${ctx.store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      `hq id:          ${meta.hqId}`,
      `epoch:          ${meta.epoch}`,
      `devices:        ${stats.activeDevices} active, ${stats.devices - stats.activeDevices} revoked`,
      `operations:     ${stats.operations}`,
      `incidents:      ${stats.incidents}`,
      `missing files:  ${stats.missingFiles}`,
      `server time:    ${new Date(ctx.clock.now()).toISOString()}`,
      '',
      'API: /v1/… (see docs/sync-protocol.md). Read API and admin need the admin token.',
    ];
    return reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').send(`${lines.join('\n')}\n`);
  });

  app.options('/*', access('anyone', 'none'), async (request, reply) => answerPreflight(request, reply, ctx.allowOrigins));
}
