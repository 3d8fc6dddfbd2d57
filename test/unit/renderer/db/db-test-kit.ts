// Shared helpers for the local-store tests: fresh databases, a controllable clock, whole-database snapshots.
import { findIncidentsPage, listOrder, type FindQuery, type ListKey } from '../../../../renderer/db';
import { LanternDb } from '../../../../renderer/db/database';
import type { Incident } from '../../../../shared/domain';
import type { Clock } from '../../../../renderer/db/clock';

let counter = 0;

/** A database no other test touches (fake-indexeddb keeps every name for the whole file run). */
export function freshDb(label = 'db'): LanternDb {
  counter += 1;
  return new LanternDb(`test-${label}-${counter}-${Math.random().toString(36).slice(2, 8)}`);
}

export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export const START_MS = Date.UTC(2026, 10, 26, 14, 0, 0);

export function testClock(startMs = START_MS, offsetMinutes = 60): TestClock {
  let now = startMs;
  return {
    nowMs: () => now,
    offsetMinutes: () => offsetMinutes,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Every row of every table, for "nothing changed" assertions. */
export async function snapshot(db: LanternDb) {
  const [incidents, timeline, outbox, meta, drafts, attachments] = await Promise.all([
    db.incidents.toArray(),
    db.timeline.toArray(),
    db.outbox.toArray(),
    db.meta.toArray(),
    db.drafts.toArray(),
    db.attachments.toArray(),
  ]);
  return { incidents, timeline, outbox, meta, drafts, attachments };
}

/** The value of a repository result; a refusal fails the test with the domain's message. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The whole list of `query`, read page by page, each page continuing after the previous page's last key. */
export async function pageThrough(db: LanternDb, query: FindQuery, limit: number): Promise<Incident[]> {
  const order = listOrder(query.sort);
  const out: Incident[] = [];
  let after: ListKey | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await findIncidentsPage(db, query, { limit, ...(after ? { after } : {}) });
    out.push(...page);
    if (page.length < limit) return out;
    after = order.keyOf(page[page.length - 1]!);
  }
  throw new Error('paging did not end');
}
