// GET / (plain text: anyone learns HQ is up and reaches its database; the admin token adds versions, store, ids and counts; no user text) and CORS preflights.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PROTOCOL_VERSION } from '../../shared/sync/wire';
import { answerPreflight } from '../http/cors';
import type { RouteContext } from '../http/context';
import { access } from '../http/route-access';
import { STATUS_STORE_TIMEOUT_MS, withinTimeout } from '../http/store-timeout';
import { latestVersion } from '../store/migration';
import { POSTGRES_MIGRATIONS } from '../store/postgres/migrations';
import { SQLITE_MIGRATIONS } from '../store/sqlite/migrations';
import type { DevicePosition } from '../store/types';
import { notSeenSince } from './admin';
import { HQ_VERSION } from './hq-version';

const DAY_MS = 86_400_000;
export { STATUS_STORE_TIMEOUT_MS } from '../http/store-timeout';
/** The admin's page counts the active devices that have not synced for this long. */
export const NOT_SEEN_DAYS = 3;

/** The status page's answer while the database cannot be reached: plain text for a person or a monitor, 503. */
export function unreachableStatusText(): string {
  return [
    'Lantern HQ is running but cannot reach its database.',
    '',
    'Devices keep their data and sync once HQ reaches it again; HQ needs no restart.',
    'Check the database (PostgreSQL running and reachable, or the SQLite data folder) and HQ\'s log.',
  ].join('\n');
}

/** Sends the status page's plain text with the headers every answer of GET / carries. */
export function sendStatusText(reply: FastifyReply, status: number, text: string): FastifyReply {
  reply
    .code(status)
    .type('text/plain; charset=utf-8')
    .header('X-Content-Type-Options', 'nosniff')
    // The admin's page holds HQ's id, epoch and counts: no cache (a proxy's or the browser's) keeps a copy.
    .header('Cache-Control', 'no-store');
  if (status === 503) reply.header('Retry-After', '5');
  return reply.send(`${text}\n`);
}

export function registerStatusRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/', access('public-or-admin', 'none'), async (request, reply) => {
    const full = request.hqAuth?.kind === 'admin';
    // The public page too asks the store (one cheap read), so a monitor sees the outage devices are answered 503 in.
    // An unreachable store fails here; the error handler answers it with unreachableStatusText (503, plain text).
    const lines = await withinTimeout(full ? figures(ctx) : ctx.store.meta().then(() => publicLines()), STATUS_STORE_TIMEOUT_MS);
    return sendStatusText(reply, 200, lines.join('\n'));
  });

  app.options('/*', access('anyone', 'none'), async (request, reply) => answerPreflight(request, reply, ctx.allowOrigins));
}

/** Devices the status page reads to count the unseen ones (the store has no count of its own): 20 pages of 500. */
const MAX_COUNTED_DEVICES = 10_000;

/** Active devices not seen since `since`, read page by page; null past MAX_COUNTED_DEVICES (the page stays quick). */
async function countNotSeenSince(ctx: RouteContext, since: number): Promise<number | null> {
  let count = 0;
  let read = 0;
  let after: DevicePosition | undefined;
  for (;;) {
    const page = await ctx.store.listDevices({ after, limit: 500 });
    count += page.devices.filter((device) => notSeenSince(device, since)).length;
    read += page.devices.length;
    const last = page.devices.at(-1);
    if (!page.hasMore || !last) return count;
    if (read >= MAX_COUNTED_DEVICES) return null;
    after = { enrolledAt: last.enrolledAt, id: last.id };
  }
}

function unseenLine(unseen: number | null): string {
  if (unseen === null) return `not counted (over ${MAX_COUNTED_DEVICES} devices); active devices not synced`;
  return `${unseen} active device${unseen === 1 ? '' : 's'} not synced`;
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
  const [meta, stats, waiting, unseen] = await Promise.all([
    ctx.store.meta(),
    ctx.store.stats(),
    ctx.store.countRetryLaterSince(now - DAY_MS),
    countNotSeenSince(ctx, now - NOT_SEEN_DAYS * DAY_MS),
  ]);
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
    `not seen:       ${unseenLine(unseen)} for ${NOT_SEEN_DAYS}+ days (GET /v1/admin/devices?notSeenSince=${new Date(now - NOT_SEEN_DAYS * DAY_MS).toISOString()} lists them)`,
    `waiting:        ${waiting} device${waiting === 1 ? '' : 's'} answered retry-later in the last 24 h (GET /v1/admin/devices shows which)`,
    `server time:    ${new Date(now).toISOString()}`,
    '',
    'API: /v1/… (see docs/sync-protocol.md). Read API and admin need the admin token.',
  ];
}
